package org.memfabric.transport.shm;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.memory.HostIdentity;
import org.memfabric.memory.NativeMemory;
import org.memfabric.memory.Segment;
import org.memfabric.memory.SegmentSlice;
import org.memfabric.memory.SharedSegments;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * One participant's shm endpoint: its control segment (the region table peers map), its registered regions, the
 * peer segments it has mapped and its outgoing connections.
 *
 * <p>Any thread registers, deregisters, connects and closes. Peers never call into this object: they read its
 * control table from their own mapping and copy on their own threads. {@link #close()} marks the table CLOSED,
 * retires every region (waiting for peers' copies in progress), closes this endpoint's connections and unmaps.
 */
final class ShmEndpoint implements TransportEndpoint {
    private final EndpointConfig config;
    private final ShmTransport transport;
    private final AsyncTransferPool engine;
    private final ShmCounters counters = new ShmCounters();
    private final Segment control;
    private final ControlTable table;
    private final ShmRegionTable regions;
    private final PeerDescriptor descriptor;
    private final AttachmentCache attachments = new AttachmentCache(counters);
    private final Set<ShmPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    ShmEndpoint(final EndpointConfig config, final AsyncTransferPool engine, final ShmTransport transport) {
        this.config = config;
        this.transport = transport;
        this.engine = engine;
        this.control = Segment.allocate(ControlTableDescriptor.CONTROL_SEGMENT_LABEL,
            ControlTableDescriptor.CONTROL_SEGMENT_BYTES);
        try {
            this.table = new ControlTable(control.view(0, (int) ControlTableDescriptor.CONTROL_SEGMENT_BYTES));
            table.initialise(NativeMemory.pid(), control.descriptor().nonce());
            final EndpointAddress address = new ShmAddress(control.descriptor()).toEndpointAddress();
            this.descriptor = new PeerDescriptor(ShmTransport.NAME, address, ShmTransport.KIND_SET);
            this.regions = new ShmRegionTable(table, address, config.operationTimeoutMs(), counters);
        } catch (final RuntimeException | Error failure) {
            control.close();
            throw failure;
        }
    }

    EndpointAddress address() {
        return descriptor.address();
    }

    AttachmentCache attachments() {
        return attachments;
    }

    @Override
    public PeerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public RegisteredRegion registerRegion(final ByteBuffer memory) {
        RegisteredRegion.checkRegistrable(memory);
        ensureOpen("register region");
        final SegmentSlice slice = SharedSegments.locate(memory).orElseThrow(() -> LastError.record(
            new InvalidArgumentException("memory not shareable: allocate it with Segment.allocate: transport=shm, "
                + "endpoint=" + address() + ", address=0x"
                + Long.toHexString(NativeMemory.address(memory) + memory.position()) + ", lengthBytes="
                + memory.remaining())));
        return regions.register(memory, slice);
    }

    @Override
    public void deregisterRegion(final RegisteredRegion region) {
        regions.deregister(Validate.notNull("region", region));
    }

    @Override
    public boolean isRegistered(final RegisteredRegion region) {
        return region != null && regions.contains(region);
    }

    @Override
    public Reachability reachability(final PeerDescriptor peer) {
        Validate.notNull("peer", peer);
        if (!open.get()) {
            return Reachability.unreachable("endpoint closed: transport=shm, endpoint=" + address());
        }
        if (!ShmTransport.NAME.equals(peer.transportName())) {
            return Reachability.unreachable("peer uses another transport: transport=shm, peerTransport="
                + peer.transportName() + ", peer=" + peer.address());
        }
        final Set<DataOpKind> kinds = EnumSet.copyOf(ShmTransport.KIND_SET);
        kinds.retainAll(peer.kinds());
        if (kinds.isEmpty()) {
            return Reachability.unreachable("peer serves no shm data op kind: transport=shm, peerKinds="
                + peer.kinds() + ", peer=" + peer.address());
        }
        final PeerControl control;
        try {
            control = attachPeer(peer);
        } catch (final InvalidArgumentException | TransportException unreachable) {
            return Reachability.unreachable(unreachable.getMessage());
        }
        try {
            final String reason = control.unusableReason();
            return reason == null ? Reachability.reachable(kinds) : Reachability.unreachable(reason);
        } finally {
            control.release();
        }
    }

    @Override
    public PeerConnection connect(final PeerDescriptor peer) {
        Validate.notNull("peer", peer);
        if (!ShmTransport.NAME.equals(peer.transportName())) {
            throw LastError.record(new InvalidArgumentException("peer uses another transport: transport=shm, "
                + "peerTransport=" + peer.transportName() + ", peer=" + peer.address()));
        }
        ensureOpen("connect");
        final PeerControl control = attachPeer(peer);
        final String reason = control.unusableReason();
        if (reason != null) {
            control.release();
            throw new TransportException(ShmTransport.NAME, -1, "peer not reachable, " + reason, null);
        }
        final ShmPeerConnection connection =
            new ShmPeerConnection(this, control, engine, transport.lanes(), counters, config.operationTimeoutMs());
        connections.add(connection);
        if (!open.get()) {
            connection.close();
            ensureOpen("connect");
        }
        return connection;
    }

    /**
     * Maps a peer's control table after checking that the address is an shm address of this host.
     *
     * @throws InvalidArgumentException when the address is malformed
     * @throws TransportException when the peer is on another host or its table cannot be mapped
     */
    private PeerControl attachPeer(final PeerDescriptor peer) {
        final ShmAddress address = ShmAddress.parse(peer.address());
        if (!address.control().bootId().equals(HostIdentity.bootId())) {
            throw new TransportException(ShmTransport.NAME, -1, "peer runs on another host or boot: transport=shm, "
                + "peerBootId=" + address.control().bootId() + ", localBootId=" + HostIdentity.bootId() + ", peer="
                + peer.address(), null);
        }
        return PeerControl.attach(attachments, peer, address);
    }

    @Override
    public Map<String, Long> counters() {
        final Map<String, Long> values = counters.snapshot();
        values.put("asyncCallerRuns", engine.callerRuns()); // the transport's copy engine, shared by its endpoints
        return values;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        for (final ShmPeerConnection connection : connections) {
            connection.close();
        }
        table.endpointStateVolatile(ControlTableDescriptor.ENDPOINT_CLOSED);
        regions.retireAll();
        control.close();
        transport.forget(this);
    }

    void forget(final ShmPeerConnection connection) {
        connections.remove(connection);
    }

    private void ensureOpen(final String operation) {
        if (!open.get()) {
            throw new TransportException(ShmTransport.NAME, -1, "endpoint closed: operation=" + operation
                + ", transport=shm, endpoint=" + address(), null);
        }
    }

    @Override
    public String toString() {
        return "transport=shm, endpoint=" + address() + ", participant=" + config.participant() + ", open="
            + open.get();
    }
}
