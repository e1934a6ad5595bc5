package org.memfabric.bm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotStartedException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.bm.CopyData2DParams;
import org.memfabric.api.bm.CopyRequest;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.configstore.group.GroupEngine;
import org.memfabric.configstore.group.GroupListener;
import org.memfabric.transport.spi.DirectViewConnection;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * One BM object ({@code smem_bm_t}): this rank's pools, its endpoints, the member ranks and the copy path.
 *
 * <p>Life cycle: created (pools allocated, endpoints open, nothing published) → {@link #join} (publishes this rank's
 * export, runs the group's join round in which every member imports the newcomer and the newcomer imports every
 * member, ending with a barrier) → copies → {@link #leave} → {@link #close}. Members learn of joins, leaves and
 * crashes from the group engine's event thread and add or drop routes. Transports arriving or leaving while the
 * object runs open or close endpoints and re-publish the export. Thread-safe.
 */
final class BigMemoryImpl implements BigMemory, GroupListener, TransportCatalog.Listener {
    private static final FabricLogger LOG = FabricLogger.of("bm");

    private final int id;
    private final int rank;
    private final ConfigStore store;
    private final GvaLayout layout;
    private final LocalPools pools;
    private final UserMemory userMemory = new UserMemory();
    private final LocalEndpoints endpoints;
    private final PeerRoutes routes;
    private final ExportWatcher exportWatcher;
    private final CopyPlanner planner;
    private final CopyExecutor executor;
    private final AsyncCopies async;
    private final TransportCatalog catalog;
    private final GroupEngine group;
    private final Duration controlTimeout;
    private final Runnable onClose;
    /** The generation of the export this rank published last, 0 before the first. */
    private volatile long published;
    private volatile boolean joined;
    private volatile boolean closed;

    BigMemoryImpl(final int id, final int rank, final ConfigStore store, final GvaLayout layout, final LocalPools pools,
        final LocalEndpoints endpoints, final TransportCatalog catalog, final Duration controlTimeout,
        final Runnable onClose) {
        this.id = id;
        this.rank = rank;
        this.store = store;
        this.layout = layout;
        this.pools = pools;
        this.endpoints = endpoints;
        this.catalog = catalog;
        this.controlTimeout = controlTimeout;
        this.onClose = onClose;
        this.routes = new PeerRoutes(rank, endpoints, catalog, this::readExport);
        this.exportWatcher = new ExportWatcher("memfabric-bm" + id + "-exports", store, rank, this::readExport, routes);
        this.planner = new CopyPlanner(layout, rank, pools, userMemory, routes);
        this.executor = new CopyExecutor(rank, pools, routes, planner);
        this.async = new AsyncCopies("memfabric-bm" + id + "-copy", 2);
        for (final Transport t : catalog.byPriority()) {
            endpoints.open(t);
        }
        catalog.addListener(this);
        this.group = GroupEngine.createDynamic(store.withPrefix("D_"), rank, controlTimeout, this);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long join(final int flags) {
        return call(() -> {
            ensureOpen();
            synchronized (this) {
                if (!joined) {
                    publish();
                    group.join();
                    joined = true;
                    LOG.info("bm joined: id=" + id + ", rank=" + rank + ", members=" + group.members());
                }
            }
            return layout.slotBytes(BmMemType.DEVICE) > 0 && pools.sizeBytes(false) > 0
                ? layout.ptr(BmMemType.DEVICE, rank) : layout.ptr(BmMemType.HOST, rank);
        });
    }

    @Override
    public void leave(final int flags) {
        call(() -> {
            ensureOpen();
            synchronized (this) {
                if (!joined) {
                    throw new NotStartedException("bm leave before join: id=" + id + ", rank=" + rank);
                }
                try {
                    group.leave();
                } finally {
                    joined = false;
                    exportWatcher.forgetAll();
                    routes.dropAll();
                    removeExport();
                }
            }
            return null;
        });
    }

    @Override
    public boolean isJoined() {
        return joined && !closed;
    }

    @Override
    public long localMemSize(final BmMemType memType) {
        return call(() -> {
            Validate.notNull("memType", memType);
            ensureOpen();
            return pools.sizeBytes(GvaLayout.isHost(memType));
        });
    }

    @Override
    public long localMemSize() {
        return localMemSize(BmMemType.DEVICE);
    }

    @Override
    public long ptr(final BmMemType memType, final int peer) {
        return call(() -> {
            Validate.notNull("memType", memType);
            ensureOpen();
            return layout.ptr(memType, peer);
        });
    }

    @Override
    public long ptr(final int peer) {
        return ptr(BmMemType.DEVICE, peer);
    }

    @Override
    public int rankIdByGva(final long gva) {
        return call(() -> {
            ensureOpen();
            return layout.resolve(gva, 1).rank();
        });
    }

    @Override
    public BmMemType memTypeByGva(final long gva) {
        return call(() -> {
            ensureOpen();
            return layout.resolve(gva, 1).type();
        });
    }

    @Override
    public void registerUserMem(final long address, final long size) {
        call(() -> {
            ensureOpen();
            userMemory.register(address, size);
            return null;
        });
    }

    @Override
    public void registerUserMem(final ByteBuffer buffer) {
        call(() -> {
            Validate.notNull("buffer", buffer);
            Validate.isTrue(buffer.isDirect() && buffer.hasRemaining(),
                "buffer must be a direct buffer with remaining bytes: buffer=" + buffer);
            ensureOpen();
            userMemory.register(buffer);
            return null;
        });
    }

    @Override
    public void unregisterUserMem(final long address) {
        call(() -> {
            ensureOpen();
            userMemory.unregister(address);
            return null;
        });
    }

    @Override
    public void copy(final long src, final long dest, final long size, final BmCopyType type, final int flags) {
        call(() -> {
            checkFlags(flags);
            ensureOpen();
            final CopyPlan plan = planner.plan(src, dest, size, type);
            ensureJoined("copy");
            run(plan, flags);
            return null;
        });
    }

    @Override
    public void copyToGlobal(final ByteBuffer src, final long destGva) {
        call(() -> {
            ensureOpen();
            final CopyPlan plan = planner.planFromBuffer(src, destGva);
            ensureJoined("copy");
            executor.execute(plan);
            return null;
        });
    }

    @Override
    public void copyFromGlobal(final long srcGva, final ByteBuffer dest) {
        call(() -> {
            ensureOpen();
            final CopyPlan plan = planner.planToBuffer(srcGva, dest);
            ensureJoined("copy");
            executor.execute(plan);
            return null;
        });
    }

    @Override
    public void copyBatch(final List<CopyRequest> requests, final BmCopyType type, final int flags) {
        call(() -> {
            Validate.notNull("requests", requests);
            Validate.isTrue(!requests.isEmpty(), "copy batch must not be empty: batchSize=0");
            checkFlags(flags);
            ensureOpen();
            final List<CopyPlan> plans = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                final CopyRequest r = requests.get(i);
                if (r == null) {
                    throw new InvalidArgumentException("copy batch element is null: index=" + i);
                }
                try {
                    plans.add(planner.plan(r.source(), r.destination(), r.size(), type));
                } catch (final InvalidArgumentException e) {
                    throw new InvalidArgumentException("copy batch element invalid, nothing copied: index=" + i
                        + ", " + e.getMessage(), e);
                }
            }
            ensureJoined("copy batch");
            if ((flags & ASYNC_COPY_FLAG) != 0) {
                async.submitTracked(() -> executor.executeBatch(plans));
            } else {
                executor.executeBatch(plans);
            }
            return null;
        });
    }

    @Override
    public void copy2d(final CopyData2DParams params, final BmCopyType type, final int flags) {
        call(() -> {
            Validate.notNull("params", params);
            Validate.notNull("copyType", type);
            final List<CopyRequest> rows = new ArrayList<>();
            for (long row = 0; row < params.height(); row++) {
                rows.add(new CopyRequest(params.src() + row * params.spitch(), params.dest() + row * params.dpitch(),
                    params.width()));
            }
            copyBatch(rows, type, flags);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> copyAsync(final long src, final long dest, final long size,
        final BmCopyType type) {
        return call(() -> {
            ensureOpen();
            final CopyPlan plan = planner.plan(src, dest, size, type);
            ensureJoined("copy");
            return async.submit(() -> executor.execute(plan));
        });
    }

    @Override
    public void waitAsync() {
        call(() -> {
            ensureOpen();
            async.awaitMine();
            return null;
        });
    }

    @Override
    public ByteBuffer directView(final long gva, final int sizeBytes) {
        return call(() -> {
            ensureOpen();
            Validate.positive("sizeBytes", sizeBytes);
            final GlobalRange g = planner.checkGlobal("gva", gva, sizeBytes);
            ensureJoined("direct view");
            final boolean host = g.type() == BmMemType.HOST;
            if (g.rank() == rank) {
                return pools.view(host, g.offsetBytes(), sizeBytes);
            }
            if (g.offsetBytes() / RankExport.CHUNK_BYTES != (g.offsetBytes() + sizeBytes - 1) / RankExport.CHUNK_BYTES) {
                throw new InvalidArgumentException("direct view crosses a " + RankExport.CHUNK_BYTES
                    + "-byte chunk of the peer's pool: gva=0x" + Long.toHexString(gva) + ", sizeBytes=" + sizeBytes);
            }
            final PeerRoutes.Route route = routes.route(g.rank());
            if (!(route.connection() instanceof DirectViewConnection)) {
                throw new NotSupportedException("peer memory is not mapped in this process, use copies: rank="
                    + g.rank() + ", transport=" + route.transport());
            }
            return ((DirectViewConnection) route.connection()).directView(route.chunk(host, g.offsetBytes()),
                g.offsetBytes() % RankExport.CHUNK_BYTES, sizeBytes);
        });
    }

    @Override
    public String transportFor(final int peer) {
        return call(() -> {
            ensureOpen();
            if (peer == rank) {
                return "self";
            }
            final String name = routes.routeNames().get(peer);
            if (name == null) {
                throw new InvalidArgumentException("rank is not a member: rank=" + peer + ", members="
                    + routes.ranks());
            }
            return name;
        });
    }

    /** The transport each member's route uses ("-" before the first copy to it). */
    Map<Integer, String> routeNames() {
        return routes.routeNames();
    }

    /** Counters of this object's endpoints, by transport. */
    Map<String, Long> counters() {
        return endpoints.counters();
    }

    private void run(final CopyPlan plan, final int flags) {
        if ((flags & ASYNC_COPY_FLAG) != 0) {
            async.submitTracked(() -> executor.execute(plan));
        } else {
            executor.execute(plan);
        }
    }

    // ---- group events (group event thread, or the joining/leaving thread) ------------------------------------

    @Override
    public void onJoin(final GroupEngine engine, final int joiner) {
        if (joiner == rank) {
            for (final int member : engine.members()) {
                if (member != rank) {
                    importMember(awaitExport(member));
                }
            }
        } else {
            importMember(awaitExport(joiner));
        }
        engine.barrier();
    }

    /** Takes a member's export and watches for its next one. */
    private void importMember(final RankExport export) {
        routes.put(export);
        exportWatcher.watch(export.rank(), export.generation());
    }

    @Override
    public void onLeave(final GroupEngine engine, final int leaver) {
        if (leaver == rank) {
            exportWatcher.forgetAll();
            routes.dropAll();
        } else {
            exportWatcher.forget(leaver);
            routes.drop(leaver);
        }
    }

    @Override
    public void onRankDown(final GroupEngine engine, final int lost) {
        exportWatcher.forget(lost);
        routes.drop(lost);
    }

    // ---- transports coming and going (the thread that changed the catalog) -----------------------------------

    @Override
    public void transportAdded(final Transport transport) {
        if (closed || !endpoints.open(transport)) {
            return;
        }
        republish();
        routes.reselectAll();
    }

    @Override
    public void transportRemoved(final Transport transport) {
        routes.transportRemoved(transport.name());
        if (endpoints.close(transport)) {
            republish();
        }
    }

    private void republish() {
        if (joined && !closed) {
            try {
                publish();
            } catch (final MemFabricException e) {
                LOG.error("bm export re-publication failed: id=" + id + ", rank=" + rank, e);
            }
        }
    }

    /**
     * Stores this rank's export, then creates its change marker (which wakes the members watching it) and removes
     * the marker two generations back, so the store does not grow. Generations come from a store counter per rank,
     * so they keep growing across re-creations and restarts of this rank and a marker of an earlier incarnation is
     * never mistaken for a new one.
     */
    private void publish() {
        final long g = store.add(ExportWatcher.generationKey(rank), 1);
        published = g;
        store.set(exportKey(rank), endpoints.export(g).toBytes());
        store.set(ExportWatcher.markerKey(rank, g), ExportWatcher.markerValue(g));
        if (g > 2) {
            store.removeAsync(ExportWatcher.markerKey(rank, g - 2));
        }
    }

    private void removeExport() {
        try {
            store.remove(exportKey(rank));
            final long g = published;
            if (g > 0) {
                store.removeAsync(ExportWatcher.markerKey(rank, g));
                store.removeAsync(ExportWatcher.markerKey(rank, g - 1));
            }
        } catch (final MemFabricException e) {
            LOG.warn("bm export removal failed: id=" + id + ", rank=" + rank + ", cause=" + e.getMessage());
        }
    }

    private RankExport awaitExport(final int member) {
        final RankExport e = RankExport.fromBytes(store.get(exportKey(member), controlTimeout));
        if (e.rank() != member) {
            throw new InvalidArgumentException("bm export under a wrong key: key=" + store.completeKey(exportKey(member))
                + ", rank=" + e.rank());
        }
        return e;
    }

    private Optional<RankExport> readExport(final int member) {
        return store.tryGet(exportKey(member)).map(RankExport::fromBytes);
    }

    private static String exportKey(final int r) {
        return "X" + r;
    }

    // ---- state checks and error recording --------------------------------------------------------------------

    private static void checkFlags(final int flags) {
        Validate.isTrue((flags & ~ASYNC_COPY_FLAG) == 0, "unknown copy flags: flags=", flags);
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidArgumentException("bm handle destroyed: id=" + id + ", rank=" + rank);
        }
    }

    private void ensureJoined(final String op) {
        if (!joined) {
            throw new NotStartedException("bm " + op + " before join: id=" + id + ", rank=" + rank);
        }
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (joined) {
                try {
                    leave(0);
                } catch (final MemFabricException e) {
                    LOG.warn("bm leave at destroy failed: id=" + id + ", rank=" + rank + ", cause=" + e.getMessage());
                }
            }
            closed = true;
        }
        catalog.removeListener(this);
        exportWatcher.close();
        group.close();
        routes.close();
        async.close();
        endpoints.close();
        pools.close();
        userMemory.clear();
        onClose.run();
        LOG.info("bm destroyed: id=" + id + ", rank=" + rank);
    }

    @Override
    public String toString() {
        return "BigMemory[id=" + id + ", rank=" + rank + ", joined=" + joined + ", layout={" + layout + "}, members="
            + routes.ranks() + "]";
    }
}
