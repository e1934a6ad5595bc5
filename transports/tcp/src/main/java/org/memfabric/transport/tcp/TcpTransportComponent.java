package org.memfabric.transport.tcp;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportServiceProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The DS component publishing a {@link TcpTransport}: reads its configuration (PID {@value #PID}), builds the plain
 * transport and registers it as a {@link Transport} service with the properties of
 * {@link TransportServiceProperties#dictionary(Transport)}, availability and its cause included (computed at run
 * time, hence registered by hand rather than declared). Deactivation withdraws the service and closes the transport
 * and every endpoint opened through it. SCR calls activation and deactivation.
 */
@Component(immediate = true, configurationPid = TcpTransportComponent.PID)
@Designate(ocd = TcpTransportComponent.Config.class)
public final class TcpTransportComponent {
    /** The configuration PID, the bundle symbolic name. */
    public static final String PID = TcpTransportSettings.PID;

    /** Configuration of the TCP transport. */
    @ObjectClassDefinition(id = PID, name = "MemFabric TCP transport",
        description = "One-sided reads and writes to peers on any host over persistent TCP connections.")
    public @interface Config {
        /**
         * The host endpoints listen on when their configuration has no tcp.listen option.
         *
         * @return a host name or IP literal
         */
        @AttributeDefinition(description = "Host endpoints listen on unless their tcp.listen option says otherwise "
            + "(IPv6 literal without brackets).")
        String bindHost() default TcpTransportSettings.DEFAULT_BIND_HOST;

        /**
         * The size of the chunks large transfers are cut into, also the largest chunk accepted.
         *
         * @return 4096..67108864
         */
        @AttributeDefinition(min = "4096", max = "67108864", description = "Chunk size of large transfers, bytes.")
        int chunkSizeBytes() default TcpTransportSettings.DEFAULT_CHUNK_SIZE_BYTES;

        /**
         * How many chunk requests a link sends before awaiting the oldest reply.
         *
         * @return 1..64
         */
        @AttributeDefinition(min = "1", max = "64", description = "Chunk requests in flight per link.")
        int maxChunksInFlight() default TcpTransportSettings.DEFAULT_MAX_CHUNKS_IN_FLIGHT;

        /**
         * How many TCP connections a peer connection may keep.
         *
         * @return 1..64
         */
        @AttributeDefinition(min = "1", max = "64", description = "TCP connections per peer connection.")
        int connectionsPerPeer() default TcpTransportSettings.DEFAULT_CONNECTIONS_PER_PEER;

        /**
         * SO_SNDBUF of every socket.
         *
         * @return 0 for the kernel's default, else 4096..268435456
         */
        @AttributeDefinition(min = "0", max = "268435456", description = "Socket send buffer, bytes; 0 = kernel.")
        int socketSendBufferBytes() default TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES;

        /**
         * SO_RCVBUF of every socket.
         *
         * @return 0 for the kernel's default, else 4096..268435456
         */
        @AttributeDefinition(min = "0", max = "268435456", description = "Socket receive buffer, bytes; 0 = kernel.")
        int socketReceiveBufferBytes() default TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES;

        /**
         * Threads running asynchronous transfers.
         *
         * @return 1..64
         */
        @AttributeDefinition(min = "1", max = "64", description = "Threads running asynchronous transfers.")
        int asyncThreads() default TcpTransportSettings.DEFAULT_ASYNC_THREADS;
    }

    private final TcpTransport transport;
    private final ServiceRegistration<Transport> registration;

    /**
     * Validates the configuration, builds the transport and registers it.
     *
     * @param context this bundle's context
     * @param config the configuration
     * @throws InvalidArgumentException naming the PID and key when a value is out of range
     */
    @Activate
    public TcpTransportComponent(final BundleContext context, final Config config) {
        this.transport = new TcpTransport(settings(config));
        this.registration = context.registerService(Transport.class, transport,
            TransportServiceProperties.dictionary(transport));
    }

    /**
     * The settings a configuration describes.
     *
     * @param config the configuration
     * @return the validated settings
     * @throws InvalidArgumentException naming the PID and key when a value is out of range
     */
    static TcpTransportSettings settings(final Config config) {
        return TcpTransportSettings.builder()
            .bindHost(config.bindHost())
            .chunkSizeBytes(config.chunkSizeBytes())
            .maxChunksInFlight(config.maxChunksInFlight())
            .connectionsPerPeer(config.connectionsPerPeer())
            .socketSendBufferBytes(config.socketSendBufferBytes())
            .socketReceiveBufferBytes(config.socketReceiveBufferBytes())
            .asyncThreads(config.asyncThreads())
            .build();
    }

    /** Withdraws the service, then closes the transport and every endpoint opened through it. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (final IllegalStateException alreadyUnregistered) {
            // the framework withdrew it already while stopping the bundle
        }
        transport.close();
    }

    /**
     * The transport this component published.
     *
     * @return the transport
     */
    TcpTransport transport() {
        return transport;
    }
}
