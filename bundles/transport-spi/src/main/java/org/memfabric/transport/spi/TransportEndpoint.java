package org.memfabric.transport.spi;

import java.nio.ByteBuffer;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One local participant's attachment to a transport (one per rank): it owns registered regions, serves peers'
 * one-sided requests against them, and opens connections to peers.
 *
 * <p>Thread-safe: any thread may register, deregister, connect and close. Requests from peers are served on the
 * transport's own threads (or, in process, on the requester's thread); each is checked against the regions
 * registered at that moment before memory is touched. Once {@link #deregisterRegion(RegisteredRegion)} or
 * {@link #close()} returns, no peer request touches the region's memory any more.
 */
@ConsumerType
public interface TransportEndpoint extends AutoCloseable {
    /**
     * The descriptor peers use to reach this endpoint; export it with {@link PeerDescriptor#toBytes()}.
     *
     * @return the descriptor
     */
    PeerDescriptor descriptor();

    /**
     * Registers the bytes between the buffer's position and limit for remote access. The endpoint keeps its own
     * view; later changes of the buffer's position or limit do not matter. The caller keeps the buffer reachable and
     * unfreed until the region is deregistered.
     *
     * @param memory a direct, writable buffer with at least one remaining byte
     * @return the registered region with its exportable descriptor
     * @throws org.memfabric.api.InvalidArgumentException when the buffer is null, not direct, read-only or empty
     * @throws org.memfabric.api.TransportException when the endpoint is closed or registration fails
     */
    RegisteredRegion registerRegion(ByteBuffer memory);

    /**
     * Deregisters a region. Waits for requests already touching it to finish; later requests are refused with
     * {@link RegionAccessException.Refusal#UNKNOWN_REGION}.
     *
     * @param region a region this endpoint registered
     * @throws org.memfabric.api.ObjectNotFoundException when this endpoint has no such region registered (any longer)
     */
    void deregisterRegion(RegisteredRegion region);

    /**
     * Whether a region is registered with this endpoint.
     *
     * @param region a region
     * @return true when registered here and not deregistered
     */
    boolean isRegistered(RegisteredRegion region);

    /**
     * Whether this endpoint can reach a peer, and by which kinds. Never throws for an unreachable peer.
     *
     * @param peer the peer's descriptor
     * @return the reachability; unreachable, with a reason, when the peer uses another transport, is unknown or gone
     */
    Reachability reachability(PeerDescriptor peer);

    /**
     * Connects to a peer.
     *
     * @param peer the peer's descriptor
     * @return the connection; the caller closes it (closing the endpoint closes it too)
     * @throws org.memfabric.api.InvalidArgumentException when the descriptor is null or names another transport
     * @throws org.memfabric.api.TransportException when the peer cannot be reached or this endpoint is closed
     */
    PeerConnection connect(PeerDescriptor peer);

    /**
     * A snapshot of this endpoint's counters, for {@code doctor} and benchmarks: names such as
     * {@code bytesWritten}, {@code bytesRead}, {@code ops}, {@code errors}, {@code refusals}, per peer as
     * {@code peer.<address>.<name>} where the transport keeps them. Monotonic while the endpoint is open.
     *
     * @return name to value, sorted by name; empty when the transport keeps none
     */
    default Map<String, Long> counters() {
        return Map.of();
    }

    /**
     * Whether this endpoint is open.
     *
     * @return false after {@link #close()}
     */
    boolean isOpen();

    /**
     * Closes the endpoint: deregisters every region (waiting for requests touching them), closes every connection
     * opened from it and makes peers' later requests fail with {@link org.memfabric.api.TransportException}.
     * Idempotent.
     */
    @Override
    void close();
}
