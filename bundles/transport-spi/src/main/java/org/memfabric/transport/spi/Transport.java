package org.memfabric.transport.spi;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way of moving bytes between participants, published as an OSGi service by a transport bundle (in the manner of
 * an Aries RSA {@code DistributionProvider}). Consumers select transports by {@link #kinds()}, reachability and
 * {@link #priority()}; they never name a concrete class, so transports can come and go while the fabric runs.
 *
 * <p>Implementations are thread-safe: any thread may call any method. A transport registers its service even when
 * it cannot work on this host, with its {@link #availability()} mirrored in the service properties of
 * {@link TransportServiceProperties}.
 */
@ConsumerType
public interface Transport {
    /**
     * The transport's stable name, e.g. {@code "local"}, {@code "tcp"}, {@code "rdma"}; also the value of
     * {@link TransportServiceProperties#NAME}.
     *
     * @return the name, 1..{@value PeerDescriptor#MAX_TRANSPORT_NAME_BYTES} UTF-8 bytes
     */
    String name();

    /**
     * The data-op kinds this transport can serve.
     *
     * @return a non-empty set
     */
    Set<DataOpKind> kinds();

    /**
     * How strongly this transport is preferred when several reach the same peer by an allowed kind: higher wins.
     *
     * @return the priority
     */
    int priority();

    /**
     * Whether the transport can work on this host, from a probe made once; the same answer every call.
     *
     * @return the availability
     */
    Availability availability();

    /**
     * Opens an endpoint for one local participant.
     *
     * @param config the endpoint configuration
     * @return the open endpoint; the caller closes it
     * @throws org.memfabric.api.NotSupportedException when the transport is not available
     * @throws org.memfabric.api.InvalidArgumentException when the configuration is unusable for this transport
     * @throws org.memfabric.api.TransportException when the endpoint cannot be opened
     */
    TransportEndpoint open(EndpointConfig config);
}
