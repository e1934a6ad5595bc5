package org.memfabric.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * One participant's TCP endpoint: it listens (option {@value #OPTION_LISTEN}), owns registered regions that peers
 * read and write through its {@link TcpServer}, and opens {@link TcpPeerConnection}s to peers. Its address is the
 * printable {@code host:port} it is bound to (or {@value #OPTION_ADVERTISE_HOST} with the bound port).
 *
 * <p>Any thread registers, deregisters, connects, probes and closes. Peers' requests are served on this endpoint's
 * server link threads; outgoing operations run on their callers' threads. A watchdog on the transport's scheduler
 * thread enforces the operation timeout of every link. Closing stops the listener and every link, closes the
 * outgoing connections and deregisters every region, waiting for requests touching them.
 */
final class TcpEndpoint implements TransportEndpoint {
    /** Option: where to listen, {@code host:port} or {@code [v6]:port}; port 0 picks a free port. */
    static final String OPTION_LISTEN = "tcp.listen";
    /** Option: the host peers should connect to, required when listening on a wildcard address. */
    static final String OPTION_ADVERTISE_HOST = "tcp.advertiseHost";
    /** Longest reachability probe; {@link #reachability} must not block long. */
    static final long REACHABILITY_PROBE_MAX_MS = 1000;

    private final TcpTransport transport;
    private final EndpointConfig config;
    private final TcpTransportSettings settings;
    private final PeerDescriptor descriptor;
    private final byte[] addressBytes;
    private final TcpCounters counters = new TcpCounters();
    private final ConcurrentMap<String, TcpCounters> peerCounters = new ConcurrentHashMap<>();
    private final TcpRegionTable regions;
    private final TcpWatchdog watchdog;
    private final TcpServer server;
    private final AsyncTransferPool executor;
    private final Set<TcpPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    private TcpEndpoint(final TcpTransport transport, final EndpointConfig config, final TcpTransportSettings settings,
        final ServerSocketChannel listener, final TcpHostPort bound, final TcpHostPort advertised,
        final ScheduledExecutorService scheduler, final AsyncTransferPool executor) {
        this.transport = transport;
        this.config = config;
        this.settings = settings;
        this.executor = executor;
        final EndpointAddress address = EndpointAddress.ofText(advertised.toString());
        this.addressBytes = address.toBytes();
        this.descriptor = new PeerDescriptor(TcpTransport.NAME, address, EnumSet.of(DataOpKind.HOST_TCP));
        final int incarnation = newIncarnation();
        this.regions = new TcpRegionTable(address, incarnation);
        this.watchdog = new TcpWatchdog(scheduler, config.operationTimeoutMs());
        this.server = TcpServer.start(listener, bound, settings, address.toString(), regions, counters, watchdog,
            TimeUnit.MILLISECONDS.toNanos(config.operationTimeoutMs()), config.rank(), incarnation);
    }

    /**
     * Binds and starts an endpoint.
     *
     * @throws InvalidArgumentException when an option is malformed
     * @throws TransportException when the listener cannot be bound
     */
    static TcpEndpoint open(final TcpTransport transport, final EndpointConfig config,
        final TcpTransportSettings settings, final ScheduledExecutorService scheduler,
        final AsyncTransferPool executor) {
        checkOptions(config);
        final String defaultListen = (settings.bindHost().indexOf(':') >= 0 ? "[" + settings.bindHost() + "]"
            : settings.bindHost()) + ":0";
        final TcpHostPort listen = TcpHostPort.parse(OPTION_LISTEN, config.option(OPTION_LISTEN, defaultListen), true);
        final String advertiseHost = config.option(OPTION_ADVERTISE_HOST, "");
        final ServerSocketChannel listener = TcpServer.bind(listen, settings);
        try {
            final TcpHostPort bound = TcpHostPort.ofBound((InetSocketAddress) listener.getLocalAddress());
            final TcpHostPort advertised = advertised(listen, bound, advertiseHost);
            return new TcpEndpoint(transport, config, settings, listener, bound, advertised, scheduler, executor);
        } catch (final IOException | RuntimeException e) {
            try {
                listener.close();
            } catch (final IOException ignored) {
                // the failure below says what went wrong
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new TransportException(TcpTransport.NAME, -1, "cannot start endpoint: transport=tcp, participant="
                + config.participant() + ", cause=" + e, e);
        }
    }

    private static void checkOptions(final EndpointConfig config) {
        for (final String key : config.options().keySet()) {
            if (key.startsWith("tcp.") && !key.equals(OPTION_LISTEN) && !key.equals(OPTION_ADVERTISE_HOST)) {
                throw LastError.record(new InvalidArgumentException("unknown tcp endpoint option: option=" + key
                    + ", known=" + OPTION_LISTEN + "," + OPTION_ADVERTISE_HOST));
            }
        }
    }

    private static TcpHostPort advertised(final TcpHostPort listen, final TcpHostPort bound,
        final String advertiseHost) {
        if (!advertiseHost.isEmpty()) {
            final String text = (advertiseHost.indexOf(':') >= 0 ? "[" + advertiseHost + "]" : advertiseHost) + ":"
                + bound.port();
            return TcpHostPort.parse(OPTION_ADVERTISE_HOST, text, false);
        }
        final InetSocketAddress socketAddress = bound.toSocketAddress();
        if (socketAddress.getAddress() != null && socketAddress.getAddress().isAnyLocalAddress()) {
            throw LastError.record(new InvalidArgumentException("listening on a wildcard address needs the address "
                + "peers connect to: " + OPTION_LISTEN + "=" + listen + ", " + OPTION_ADVERTISE_HOST + "=(unset)"));
        }
        return bound;
    }

    private static int newIncarnation() {
        int incarnation;
        do {
            incarnation = ThreadLocalRandom.current().nextInt();
        } while (incarnation == 0);
        return incarnation;
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
            return Reachability.unreachable("endpoint closed: transport=tcp, endpoint=" + address());
        }
        if (!TcpTransport.NAME.equals(peer.transportName())) {
            return Reachability.unreachable("peer uses another transport: transport=tcp, peerTransport="
                + peer.transportName() + ", peer=" + peer.address());
        }
        final TcpHostPort target = TcpHostPort.tryParsePeer(peer.address().toString());
        if (target == null) {
            return Reachability.unreachable("peer address is not host:port: transport=tcp, peer=" + peer.address());
        }
        counters.increment(TcpCounter.REACHABILITY_PROBES);
        final long probeMs = Math.min(REACHABILITY_PROBE_MAX_MS, config.operationTimeoutMs());
        try {
            final long probeNs = TimeUnit.MILLISECONDS.toNanos(probeMs);
            TcpLink.open(target, settings, watchdog, addressBytes, config.rank(), probeNs).close();
            return Reachability.reachable(EnumSet.of(DataOpKind.HOST_TCP));
        } catch (final IOException | RuntimeException e) {
            return Reachability.unreachable("peer did not accept a link: transport=tcp, peer=" + peer.address()
                + ", probeTimeoutMs=" + probeMs + ", cause=" + e);
        }
    }

    @Override
    public PeerConnection connect(final PeerDescriptor peer) {
        Validate.notNull("peer", peer);
        if (!TcpTransport.NAME.equals(peer.transportName())) {
            throw LastError.record(new InvalidArgumentException("peer uses another transport: transport=tcp, "
                + "peerTransport=" + peer.transportName() + ", peer=" + peer.address()));
        }
        final String peerName = peer.address().toString();
        final TcpHostPort target = TcpHostPort.tryParsePeer(peerName);
        if (target == null) {
            throw LastError.record(new InvalidArgumentException("peer address must be host:port or [v6]:port: "
                + "transport=tcp, peer=" + peerName));
        }
        ensureOpen("connect");
        final TcpPeerConnection connection = new TcpPeerConnection(this, peer, target,
            peerCounters.computeIfAbsent(peerName, name -> new TcpCounters(counters)), executor);
        connections.add(connection);
        if (!open.get()) {
            connection.close();
            ensureOpen("connect");
        }
        try {
            connection.openFirstLink();
        } catch (final RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public Map<String, Long> counters() {
        final Map<String, Long> snapshot = new TreeMap<>();
        counters.putInto(snapshot, "", false);
        peerCounters.forEach((peer, values) -> values.putInto(snapshot, "peer." + peer + ".", true));
        return snapshot;
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
        server.close();
        for (final TcpPeerConnection connection : connections) {
            connection.close();
        }
        regions.retireAll();
        watchdog.close();
        transport.forget(this);
    }

    void forget(final TcpPeerConnection connection) {
        connections.remove(connection);
    }

    String address() {
        return descriptor.address().toString();
    }

    byte[] addressBytes() {
        return addressBytes;
    }

    int rank() {
        return config.rank();
    }

    long operationTimeoutMs() {
        return config.operationTimeoutMs();
    }

    TcpTransportSettings settings() {
        return settings;
    }

    TcpWatchdog watchdog() {
        return watchdog;
    }

    private void ensureOpen(final String operation) {
        if (!open.get()) {
            throw new TransportException(TcpTransport.NAME, -1, "endpoint closed: operation=" + operation
                + ", transport=tcp, endpoint=" + address(), null);
        }
    }

    @Override
    public String toString() {
        return "transport=tcp, endpoint=" + address() + ", participant=" + config.participant() + ", open="
            + open.get();
    }
}
