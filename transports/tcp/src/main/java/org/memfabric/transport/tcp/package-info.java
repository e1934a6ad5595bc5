/**
 * The TCP transport: one-sided reads and writes to peers on any host over persistent TCP connections. Not exported:
 * users reach it as a {@code Transport} service ({@link org.memfabric.transport.tcp.TcpTransportComponent}, PID
 * {@code org.memfabric.transport.tcp}), or build {@link org.memfabric.transport.tcp.TcpTransport} with {@code new}.
 *
 * <h2>Addresses</h2>
 * Every endpoint listens where its {@code tcp.listen} option says ({@code host:port} or {@code [v6]:port}; default
 * {@code <bindHost>:0}, port 0 = ephemeral). Its peer descriptor's address is the printable {@code host:port} it
 * actually bound (with {@code tcp.advertiseHost} as host when it listens on a wildcard address). A region id is the
 * endpoint's random 32-bit <i>incarnation</i> (new each time an endpoint opens) in its high half and a registration
 * counter in its low half; the key is 64 random bits. So a restarted endpoint at the same address refuses every
 * descriptor of its predecessor, and re-registering never revalidates an old descriptor.
 *
 * <h2>Protocol</h2>
 * Described byte by byte, big-endian, in {@code TcpWireDescriptor} (version 1.0). A link opens with a hello (magic
 * {@code "MFTC"}, version, requester address and rank) answered by a welcome (version, owner rank, largest chunk the
 * owner accepts, owner incarnation). Then the requester sends chunk requests {opcode WRITE/READ, flags, length,
 * request id, region id, key, remote offset, op end offset} (a WRITE's payload follows its header) and the owner
 * answers each, in order, with {request id, status, message length, payload length}, a refusal message, and for an
 * accepted READ the payload. Transfers larger than {@code chunkSizeBytes} are cut into chunks sent back-to-back, up
 * to {@code maxChunksInFlight} ahead of the replies; every chunk after the first of an operation or batch is
 * <i>chained</i>, so once one is refused the owner skips the rest and the operation fails as a whole with the
 * owner's typed refusal.
 *
 * <h2>Checks</h2>
 * Before touching memory the owner checks, against the regions registered at that moment: the region id
 * ({@code UNKNOWN_REGION}, also for a deregistered region or one of an earlier incarnation), the key
 * ({@code KEY_MISMATCH}), and that both the chunk and the whole operation lie inside the registered length
 * ({@code OUT_OF_BOUNDS}). A refused WRITE's payload is read and dropped. A request that breaks the framing (wrong
 * magic, unknown opcode or flags, chunk longer than the owner's limit, truncated frame) makes the owner close the
 * link without touching memory; other links are not affected. The requester reports a refusal as a
 * {@link org.memfabric.transport.spi.RegionAccessException} naming the transport, the peer, the region and the
 * range, and every other failure as a {@link org.memfabric.api.TransportException} naming the peer.
 *
 * <h2>Threading</h2>
 * A synchronous operation runs entirely on the calling thread: it takes one of its peer connection's pooled links
 * ({@code connectionsPerPeer}, opened on demand and kept open), writes the requests, reads the replies and gives the
 * link back; there is no hand-off to another thread, whose wake-up would cost more than the network stack itself on
 * a small VM. Asynchronous operations do the same on the transport's {@code asyncThreads} daemon threads. On the
 * owner, one acceptor thread per endpoint accepts links and each link is served by its own daemon thread, moving
 * payloads straight between the socket and the region's memory (and on the requester straight between the socket
 * and the caller's buffer). Blocking socket channels ignore {@code SO_TIMEOUT}, so each link has a deadline that a
 * periodic watchdog (one scheduler thread per transport) enforces by closing the link: an operation fails when the
 * peer makes no progress for the endpoint's operation timeout, and an owner never holds a region's access bracket
 * (which deregistration waits for) longer than that. When a link breaks, the connection drops its idle links and the
 * next operation opens a new one, reconnecting to a restarted peer.
 *
 * <p>Local buffers may be heap buffers, but then the JDK copies each chunk through a temporary direct buffer of its
 * own (cached per thread); use direct buffers for large transfers.
 */
package org.memfabric.transport.tcp;
