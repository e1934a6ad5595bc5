package org.memfabric.trans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * One peer as this engine knows it from one {@link EngineRecord}: its regions indexed by address, and the
 * connections and per-region routes chosen on first use. A newer record of the peer replaces the whole object (and
 * closes its connections), so nothing here is ever updated in place except the lazily chosen routes.
 *
 * <p>Threading: any data-path thread resolves regions (an immutable index) and routes (volatile, chosen under this
 * object's lock); the directory thread closes it when it is replaced, after which its connections fail and callers
 * re-resolve.
 */
final class RemotePeer {
    private static final FabricLogger LOG = FabricLogger.of("trans");

    /** A peer region and the route chosen for it. */
    static final class RemoteRegion {
        private final EngineRecord.Region region;
        private volatile Route route;

        RemoteRegion(final EngineRecord.Region region) {
            this.region = region;
        }

        long address() {
            return region.address();
        }

        long sizeBytes() {
            return region.sizeBytes();
        }

        boolean contains(final long at, final long lengthBytes) {
            return at >= region.address() && lengthBytes <= region.sizeBytes()
                && at - region.address() <= region.sizeBytes() - lengthBytes;
        }
    }

    /** How one region of the peer is reached: a transport, a connection and the region's chunk descriptors there. */
    static final class Route {
        private final String transport;
        private final PeerConnection connection;
        private final List<RegionDescriptor> chunks;

        Route(final String transport, final PeerConnection connection, final List<RegionDescriptor> chunks) {
            this.transport = transport;
            this.connection = connection;
            this.chunks = chunks;
        }

        String transport() {
            return transport;
        }

        PeerConnection connection() {
            return connection;
        }

        RegionDescriptor chunk(final int index) {
            return chunks.get(index);
        }
    }

    private final EngineRecord record;
    private final TreeMap<Long, RemoteRegion> regions = new TreeMap<>();
    private final Map<String, PeerConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();
    private volatile boolean stale;
    private volatile boolean closed;
    private volatile long watchId = -1;

    RemotePeer(final EngineRecord record) {
        this.record = record;
        for (final EngineRecord.Region r : record.regions()) {
            regions.put(r.address(), new RemoteRegion(r));
        }
    }

    EngineRecord record() {
        return record;
    }

    String uniqueId() {
        return record.uniqueId();
    }

    /** The region holding the whole range, or null. */
    RemoteRegion find(final long address, final long lengthBytes) {
        final Map.Entry<Long, RemoteRegion> e = regions.floorEntry(address);
        return e != null && e.getValue().contains(address, lengthBytes) ? e.getValue() : null;
    }

    /** Marks the peer for re-reading from the store at its next use (a watch fired or failed, or it went down). */
    void markStale() {
        stale = true;
    }

    void clearStale() {
        stale = false;
    }

    boolean isStale() {
        return stale || closed;
    }

    long watchId() {
        return watchId;
    }

    void watchId(final long id) {
        this.watchId = id;
    }

    /**
     * The route to a region, chosen now if there is none or its connection closed: the highest-priority transport
     * on which this engine has an endpoint, the peer published an endpoint and this region, and which reaches the
     * peer.
     *
     * @throws TransportException when no transport reaches the region
     */
    Route route(final RemoteRegion region, final TransportCatalog catalog, final TransEndpoints endpoints) {
        final Route r = region.route;
        if (r != null && r.connection.isOpen()) {
            return r;
        }
        synchronized (this) {
            if (region.route != null && region.route.connection.isOpen()) {
                return region.route;
            }
            region.route = choose(region, catalog, endpoints);
            return region.route;
        }
    }

    private Route choose(final RemoteRegion region, final TransportCatalog catalog, final TransEndpoints endpoints) {
        if (closed) {
            throw new TransportException("none", -1, "peer record replaced while choosing a route: uniqueId="
                + uniqueId(), null);
        }
        final List<String> tried = new ArrayList<>();
        for (final Transport t : catalog.byPriority()) {
            final List<RegionDescriptor> chunks = region.region.chunks().get(t.name());
            if (chunks == null) {
                continue;
            }
            final TransEndpoints.Opened mine = endpoints.find(t.name());
            final PeerDescriptor theirs = record.transport(t.name());
            if (mine == null || theirs == null) {
                tried.add(t.name() + ": no endpoint here");
                continue;
            }
            final PeerConnection c = connection(mine, theirs, tried);
            if (c != null) {
                return new Route(t.name(), c, chunks);
            }
        }
        throw new TransportException("none", -1, "no transport reaches the peer's region: uniqueId=" + uniqueId()
            + ", address=0x" + Long.toHexString(region.address()) + ", sizeBytes=" + region.sizeBytes()
            + ", regionTransports=" + region.region.chunks().keySet() + ", localTransports=" + endpoints.openNames()
            + ", tried=" + tried + ", notUsed=" + endpoints.unusable(), null);
    }

    private PeerConnection connection(final TransEndpoints.Opened mine, final PeerDescriptor theirs,
        final List<String> tried) {
        final String name = theirs.transportName();
        final PeerConnection known = connections.get(name);
        if (known != null && known.isOpen()) {
            return known;
        }
        final String reason = unreachable.get(name);
        if (reason != null) {
            tried.add(name + ": " + reason);
            return null;
        }
        final Reachability reach = mine.endpoint().reachability(theirs);
        if (!reach.isReachable()) {
            unreachable.put(name, reach.reason());
            tried.add(name + ": " + reach.reason());
            return null;
        }
        try {
            final PeerConnection c = mine.endpoint().connect(theirs);
            connections.put(name, c);
            LOG.info("trans connected: peer=" + uniqueId() + ", transport=" + name + ", kinds=" + reach.kinds());
            return c;
        } catch (final MemFabricException e) {
            tried.add(name + ": connect failed: " + e.getMessage());
            return null;
        }
    }

    /** Forgets routes over a transport (it went away or a better one arrived); the next use chooses again. */
    synchronized void forgetRoutes() {
        for (final RemoteRegion r : regions.values()) {
            r.route = null;
        }
        unreachable.clear();
        for (final PeerConnection c : connections.values()) {
            c.close();
        }
        connections.clear();
    }

    /** Closes every connection; operations in flight fail and their callers re-resolve the peer. */
    void close() {
        closed = true;
        forgetRoutes();
    }

    @Override
    public String toString() {
        return record.toString();
    }
}
