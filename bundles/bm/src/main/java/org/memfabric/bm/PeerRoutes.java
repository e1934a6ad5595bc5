package org.memfabric.bm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The member ranks of a BM object and how to reach each: the rank's latest {@link RankExport} and the route in use
 * (a transport and a connection), chosen on first use as the highest-priority transport that both sides have an
 * endpoint on, that serves an allowed kind and that reaches the peer. A route that fails with a transport error, or
 * whose transport goes away, is dropped; the next copy re-reads the peer's export and chooses again.
 * Thread-safe: routes are chosen under a per-peer lock, read without one.
 */
final class PeerRoutes implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("bm");

    /**
     * A chosen way to one peer. Copies hold it between {@link PeerRoutes#acquire} and {@link #release()}; a route
     * that is retired (a better transport arrived) closes its connection when the last holder releases it, so copies
     * in flight finish on it while new copies choose again.
     */
    static final class Route {
        private final int rank;
        private final String transport;
        private final PeerConnection connection;
        private final RankExport.Entry entry;
        private final AtomicInteger users = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean retired;

        Route(final int rank, final String transport, final PeerConnection connection, final RankExport.Entry entry) {
            this.rank = rank;
            this.transport = transport;
            this.connection = connection;
            this.entry = entry;
        }

        String transport() {
            return transport;
        }

        PeerConnection connection() {
            return connection;
        }

        /** Holds the route for one copy; false when it was retired meanwhile (the caller asks for a route again). */
        private boolean tryAcquire() {
            users.incrementAndGet();
            if (retired) {
                release();
                return false;
            }
            return true;
        }

        /** Ends a hold taken by {@link PeerRoutes#acquire}; the last holder of a retired route closes it. */
        void release() {
            if (users.decrementAndGet() == 0 && retired) {
                closeOnce();
            }
        }

        /** New copies may no longer take this route; it closes once no copy holds it. */
        private void retire() {
            retired = true;
            if (users.get() == 0) {
                closeOnce();
            }
        }

        private void closeOnce() {
            if (closed.compareAndSet(false, true)) {
                connection.close();
            }
        }

        /** The region covering a pool offset; {@code offset % CHUNK_BYTES} is the offset inside it. */
        RegionDescriptor chunk(final boolean host, final long poolOffset) {
            final List<RegionDescriptor> chunks = entry.chunks(host);
            final long index = poolOffset / RankExport.CHUNK_BYTES;
            if (index >= chunks.size()) {
                throw new InvalidArgumentException("range beyond the peer's exported pool: rank=" + rank
                    + ", memType=" + (host ? "HOST" : "DEVICE") + ", offset=" + poolOffset + ", chunks="
                    + chunks.size() + ", transport=" + transport);
            }
            return chunks.get((int) index);
        }
    }

    private static final class Peer {
        private final int rank;
        private volatile RankExport export;
        private volatile Route route;

        Peer(final int rank, final RankExport export) {
            this.rank = rank;
            this.export = export;
        }
    }

    private final int selfRank;
    private final LocalEndpoints endpoints;
    private final TransportCatalog catalog;
    private final IntFunction<Optional<RankExport>> exportReader;
    private final Map<Integer, Peer> peers = new ConcurrentHashMap<>();

    PeerRoutes(final int selfRank, final LocalEndpoints endpoints, final TransportCatalog catalog,
        final IntFunction<Optional<RankExport>> exportReader) {
        this.selfRank = selfRank;
        this.endpoints = endpoints;
        this.catalog = catalog;
        this.exportReader = exportReader;
    }

    /** Adds or refreshes a member. */
    void put(final RankExport export) {
        final Peer old = peers.put(export.rank(), new Peer(export.rank(), export));
        if (old != null) {
            closeRoute(old);
        }
    }

    /** Drops a member: its connection closes, so copies in flight to it end with a transport error. */
    void drop(final int rank) {
        final Peer old = peers.remove(rank);
        if (old != null) {
            closeRoute(old);
            LOG.info("bm peer dropped: rank=" + selfRank + ", peer=" + rank);
        }
    }

    void dropAll() {
        for (final Integer r : new ArrayList<>(peers.keySet())) {
            drop(r);
        }
    }

    boolean isMember(final int rank) {
        return peers.containsKey(rank);
    }

    Set<Integer> ranks() {
        return new TreeSet<>(peers.keySet());
    }

    /** The pool size a member exported, or -1 when it is not a member. */
    long poolBytes(final int rank, final boolean host) {
        final Peer p = peers.get(rank);
        return p == null ? -1 : p.export.poolBytes(host);
    }

    /**
     * The route to a member, chosen now if there is none.
     *
     * @throws InvalidArgumentException when the rank is not a member
     * @throws TransportException when no transport reaches it
     */
    Route route(final int rank) {
        final Peer p = peers.get(rank);
        if (p == null) {
            throw new InvalidArgumentException("global address belongs to a rank that is not a member: rank=" + rank
                + ", self=" + selfRank + ", members=" + ranks());
        }
        final Route r = p.route;
        if (r != null && r.connection.isOpen()) {
            return r;
        }
        synchronized (p) {
            if (p.route != null && p.route.connection.isOpen()) {
                return p.route;
            }
            p.route = choose(p);
            return p.route;
        }
    }

    /**
     * The route to a member, held for one copy: the caller calls {@link Route#release()} in a finally block.
     *
     * @throws InvalidArgumentException when the rank is not a member
     * @throws TransportException when no transport reaches it
     */
    Route acquire(final int rank) {
        while (true) {
            final Route r = route(rank);
            if (r.tryAcquire()) {
                return r;
            }
        }
    }

    /**
     * A member published a new export (its transports changed): keeps it, and when a transport of higher priority
     * than the route's is now open on both sides, or the route's transport is no longer in the export, retires the
     * route, so the next copies choose again while copies in flight finish on the old connection.
     *
     * @return whether the route was retired
     */
    boolean exportChanged(final RankExport fresh) {
        final Peer p = peers.get(fresh.rank());
        if (p == null) {
            return false;
        }
        final Route r;
        synchronized (p) {
            if (fresh.generation() <= p.export.generation()) {
                return false;
            }
            p.export = fresh;
            r = p.route;
            if (r == null || !worseThanAvailable(r, fresh)) {
                return false;
            }
            p.route = null;
            r.retire();
        }
        LOG.info("bm route retired, the peer's transports changed: rank=" + selfRank + ", peer=" + fresh.rank()
            + ", transport=" + r.transport + ", peerTransports=" + names(fresh));
        return true;
    }

    /** Whether a route's transport is gone from an export, or a higher-priority one is open on both sides. */
    private boolean worseThanAvailable(final Route r, final RankExport export) {
        final List<String> offered = names(export);
        if (!offered.contains(r.transport)) {
            return true;
        }
        for (final Transport t : catalog.byPriority()) {
            if (t.name().equals(r.transport)) {
                return false;
            }
            if (offered.contains(t.name()) && endpoints.find(t.name()) != null) {
                return true;
            }
        }
        return false;
    }

    /** Forgets a route after a transport failure; the next copy chooses again. */
    void failed(final int rank, final Route route) {
        final Peer p = peers.get(rank);
        if (p != null) {
            synchronized (p) {
                if (p.route == route) {
                    p.route = null;
                }
            }
        }
        route.connection.close();
    }

    /** Drops every route over a transport that went away. */
    void transportRemoved(final String transportName) {
        for (final Peer p : peers.values()) {
            synchronized (p) {
                final Route r = p.route;
                if (r != null && r.transport.equals(transportName)) {
                    p.route = null;
                    r.connection.close();
                }
            }
        }
    }

    /**
     * Retires every route so the next copies choose again (a better transport arrived here); copies in flight finish
     * on the old connections.
     */
    void reselectAll() {
        for (final Peer p : peers.values()) {
            synchronized (p) {
                final Route r = p.route;
                p.route = null;
                if (r != null) {
                    r.retire();
                }
            }
        }
    }

    /** The transport each member's route uses now ("-" when none chosen yet). */
    Map<Integer, String> routeNames() {
        final Map<Integer, String> names = new TreeMap<>();
        for (final Peer p : peers.values()) {
            final Route r = p.route;
            names.put(p.rank, r == null ? "-" : r.transport);
        }
        return names;
    }

    private Route choose(final Peer p) {
        exportReader.apply(p.rank).ifPresent(fresh -> {
            if (fresh.generation() >= p.export.generation()) {
                p.export = fresh;
            }
        });
        final List<String> tried = new ArrayList<>();
        for (final Transport t : catalog.byPriority()) {
            final LocalEndpoints.Opened mine = endpoints.find(t.name());
            if (mine == null) {
                continue;
            }
            for (final RankExport.Entry e : p.export.entries()) {
                if (!e.transportName().equals(t.name())) {
                    continue;
                }
                final Reachability reach = mine.endpoint().reachability(e.peer());
                if (!reach.isReachable() || !allowed(reach.kinds())) {
                    tried.add(t.name() + ": " + reach);
                    continue;
                }
                try {
                    final PeerConnection c = mine.endpoint().connect(e.peer());
                    LOG.info("bm route chosen: rank=" + selfRank + ", peer=" + p.rank + ", transport=" + t.name()
                        + ", kinds=" + reach.kinds());
                    return new Route(p.rank, t.name(), c, e);
                } catch (final MemFabricException ex) {
                    tried.add(t.name() + ": connect failed: " + ex.getMessage());
                }
            }
        }
        throw new TransportException("none", p.rank, "no transport reaches the peer: rank=" + selfRank + ", peer="
            + p.rank + ", peerTransports=" + names(p.export) + ", localTransports=" + endpoints.openNames()
            + ", allowedKinds=" + endpoints.allowedKinds() + ", tried=" + tried + ", notUsed=" + endpoints.unusable(),
            null);
    }

    private boolean allowed(final Set<DataOpKind> kinds) {
        for (final DataOpKind k : kinds) {
            if (endpoints.allowedKinds().contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(final RankExport export) {
        final List<String> names = new ArrayList<>();
        for (final RankExport.Entry e : export.entries()) {
            names.add(e.transportName());
        }
        return names;
    }

    private static void closeRoute(final Peer p) {
        final Route r = p.route;
        p.route = null;
        if (r != null) {
            r.connection.close();
        }
    }

    @Override
    public void close() {
        dropAll();
    }
}
