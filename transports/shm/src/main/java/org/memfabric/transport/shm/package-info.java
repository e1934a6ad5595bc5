/**
 * The same-host shared-memory transport ("shm"; data-op kinds SDMA and MTE; priority 800). Not exported: users reach
 * it as a {@code Transport} service registered by {@link org.memfabric.transport.shm.ShmTransportComponent}
 * (PID {@code org.memfabric.transport.shm}), or build {@link org.memfabric.transport.shm.ShmTransport} with
 * {@code new}.
 *
 * <h2>Memory</h2>
 * Only memory inside an {@link org.memfabric.memory.Segment} this process allocated can be registered (found through
 * {@link org.memfabric.memory.SharedSegments}); anything else is refused with
 * {@code "memory not shareable: allocate it with Segment.allocate: ..."}. A region's descriptor carries, as transport
 * data, its data segment's {@link org.memfabric.memory.SegmentDescriptor} and its offset there, so a requester maps
 * the segment itself through {@code /proc/<pid>/fd/<fd>}; a copy is then a {@link java.nio.ByteBuffer} bulk copy
 * between the requester's buffer and its own mapping of the owner's memory: memcpy speed, no intermediate copy, no
 * owner thread involved.
 *
 * <h2>Control segment and address</h2>
 * Each endpoint owns a 2 MiB control segment holding its region table (layout, version and protocol:
 * {@code ControlTableDescriptor}). The endpoint address is printable text,
 * {@code shm://<bootId>/<pid>/<fd>/<inode>/<sizeBytes>/<nonceHex>}: what a peer needs to map that control segment and
 * to tell it from a reused fd. A peer is reachable only when its boot id equals ours and its table can be mapped, has
 * our layout major version, the owner's pid and nonce, and reads OPEN.
 *
 * <h2>Checks before every copy</h2>
 * The requester enters the slot's in-flight count (an atomic add on the shared table), then reads with acquire
 * semantics: endpoint state OPEN; the owner's process alive ({@code kill(pid, 0)}, at most every 100 ms); slot state
 * REGISTERED with the descriptor's region id (a registration sequence in the high 32 bits, so an old descriptor is
 * never revalidated by re-registering); the key; the range inside the registered length; the data segment's nonce.
 * Failures are {@link org.memfabric.transport.spi.RegionAccessException}s (UNKNOWN_REGION, KEY_MISMATCH,
 * OUT_OF_BOUNDS) or {@link org.memfabric.api.TransportException}s naming the peer. The owner publishes slots with
 * release semantics; deregistration and close store RETIRED/CLOSED and wait for the in-flight count to drain, so no
 * copy touches a region once they return. A slot whose count never drains (a requester died inside a copy) is
 * quarantined after the endpoint's operation timeout and counted ({@code deregisterWaitTimeouts}).
 *
 * <h2>Peer loss</h2>
 * The memory stays mapped in the requester after the owner closes or dies (memfd semantics), so nothing crashes;
 * operations fail with a {@link org.memfabric.api.TransportException} as soon as the table reads CLOSED or the owner's
 * pid is gone. A reused pid makes a dead owner look alive; operations then complete against the still-mapped memory,
 * which is harmless, and the group engine's rank-down event remains the authority.
 *
 * <h2>Threading</h2>
 * Synchronous operations run on the caller's thread; asynchronous ones on the transport's copy engine (1..4 daemon
 * threads, bounded queue; when it is full the caller copies itself). A copy or batch of at least
 * {@code parallelMinKiB} (default 1 MiB) is split into {@code copyLanes} lanes (default {@code min(2, cores)}): the
 * copying thread runs one, helper threads the others ({@code CopyLanes}); such a batch is checked as a whole before a
 * byte moves. Each connection brackets operations with an
 * in-flight count so that closing waits for copies before releasing mappings; peer segments are mapped once per
 * endpoint and reference counted by connections and by direct views, which keep their mapping until they become
 * unreachable. A connection keeps every data segment it touched mapped until it closes.
 *
 * <h2>Counters</h2>
 * {@code TransportEndpoint#counters()}: ops, bytesWritten, bytesRead, refusals, errors, directViews,
 * lanedBatches, helperLanes, segmentsAttached, regionsRegistered, regionsDeregistered, deregisterWaitTimeouts, and
 * asyncCallerRuns (counted by the
 * transport's copy engine, which its endpoints share).
 */
package org.memfabric.transport.shm;
