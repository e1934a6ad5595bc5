package org.memfabric.transport.local;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferOp;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * One participant's endpoint of the in-process transport: its regions, its outgoing connections and its entry in the
 * JVM-wide registry.
 *
 * <p>Any thread registers, deregisters, connects and closes. Peers' requester threads enter through
 * {@link #serve(TransferOp)} and copy on their own thread after the checks of {@link LocalRegionTable}. Closing
 * removes the endpoint from the registry, refuses later requests and waits for copies in progress.
 */
final class LocalEndpoint implements TransportEndpoint {
    private final EndpointConfig config;
    private final PeerDescriptor descriptor;
    private final LocalEndpointRegistry registry;
    private final AsyncTransferPool executor;
    private final LocalTransport transport;
    private final LocalRegionTable regions;
    private final Set<LocalPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    LocalEndpoint(final EndpointConfig config, final EndpointAddress address, final LocalEndpointRegistry registry,
        final AsyncTransferPool executor, final LocalTransport transport) {
        this.config = config;
        this.descriptor = new PeerDescriptor(LocalTransport.NAME, address, EnumSet.of(DataOpKind.LOCAL));
        this.registry = registry;
        this.executor = executor;
        this.transport = transport;
        this.regions = new LocalRegionTable(address, config.rank());
    }

    EndpointAddress address() {
        return descriptor.address();
    }

    int rank() {
        return config.rank();
    }

    @Override
    public PeerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public RegisteredRegion registerRegion(final ByteBuffer memory) {
        RegisteredRegion.checkRegistrable(memory);
        ensureOpen("register region");
        return regions.register(memory);
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
            return Reachability.unreachable("endpoint closed: transport=local, endpoint=" + address());
        }
        if (!LocalTransport.NAME.equals(peer.transportName())) {
            return Reachability.unreachable("peer uses another transport: transport=local, peerTransport="
                + peer.transportName() + ", peer=" + peer.address());
        }
        if (registry.find(peer.address()) == null) {
            return Reachability.unreachable("no open endpoint with this address in this JVM: transport=local, peer="
                + peer.address());
        }
        return Reachability.reachable(EnumSet.of(DataOpKind.LOCAL));
    }

    @Override
    public PeerConnection connect(final PeerDescriptor peer) {
        Validate.notNull("peer", peer);
        if (!LocalTransport.NAME.equals(peer.transportName())) {
            throw LastError.record(new InvalidArgumentException("peer uses another transport: transport=local, "
                + "peerTransport=" + peer.transportName() + ", peer=" + peer.address()));
        }
        ensureOpen("connect");
        final LocalEndpoint target = registry.find(peer.address());
        if (target == null) {
            throw new TransportException(LocalTransport.NAME, -1, "peer not reachable, no open endpoint with this "
                + "address in this JVM: transport=local, endpoint=" + address() + ", peer=" + peer.address(), null);
        }
        final LocalPeerConnection connection = new LocalPeerConnection(this, target, executor);
        connections.add(connection);
        if (!open.get()) {
            connection.close();
            ensureOpen("connect");
        }
        return connection;
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
        registry.remove(this);
        for (final LocalPeerConnection connection : connections) {
            connection.close();
        }
        regions.retireAll();
        transport.forget(this);
    }

    /**
     * Serves a peer's request on the peer's thread.
     *
     * @throws TransportException when this endpoint is closed or refuses the request
     */
    void serve(final TransferOp op) {
        if (!open.get()) {
            throw peerClosed(op);
        }
        try {
            regions.serve(op);
        } catch (final TransportException refused) {
            if (!open.get()) {
                throw peerClosed(op);
            }
            throw refused;
        }
    }

    void forget(final LocalPeerConnection connection) {
        connections.remove(connection);
    }

    private TransportException peerClosed(final TransferOp op) {
        return new TransportException(LocalTransport.NAME, rank(), "peer endpoint closed: " + op, null);
    }

    private void ensureOpen(final String operation) {
        if (!open.get()) {
            throw new TransportException(LocalTransport.NAME, -1, "endpoint closed: operation=" + operation
                + ", transport=local, endpoint=" + address(), null);
        }
    }
}
