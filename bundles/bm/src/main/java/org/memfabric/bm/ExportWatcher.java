package org.memfabric.bm;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;

/**
 * Keeps the members' exports fresh without polling: a rank that re-publishes its export (its transports changed)
 * also creates the change marker {@code XM<rank>#<generation>}; this watcher keeps one store watch per member on the
 * marker of the generation after the one it holds, and when it fires re-reads the export on its own thread and hands
 * it to {@link PeerRoutes#exportChanged}, which retires a route that a better transport can now replace. A store
 * watch fires at once when its key already exists, so a publication between reading an export and arming the watch
 * is not missed.
 *
 * <p>Threading: watch callbacks run on the store client's I/O thread and only schedule; reading the store and
 * changing routes happen on this watcher's single daemon thread. {@link #watch}, {@link #forget} and
 * {@link #close} may be called from any thread.
 */
final class ExportWatcher implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("bm");

    private final ConfigStore store;
    private final int selfRank;
    private final IntFunction<Optional<RankExport>> reader;
    private final PeerRoutes routes;
    private final Map<Integer, Long> watchIds = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private volatile boolean closed;

    ExportWatcher(final String threadName, final ConfigStore store, final int selfRank,
        final IntFunction<Optional<RankExport>> reader, final PeerRoutes routes) {
        this.store = store;
        this.selfRank = selfRank;
        this.reader = reader;
        this.routes = routes;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            final Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The counter that numbers a rank's export generations (it survives the rank's restarts). */
    static String generationKey(final int rank) {
        return "XG" + rank;
    }

    /** The marker a rank creates after publishing export generation {@code generation}. */
    static String markerKey(final int rank, final long generation) {
        return "XM" + rank + "#" + generation;
    }

    /** The marker's value (the generation, for people reading the store). */
    static byte[] markerValue(final long generation) {
        return Long.toString(generation).getBytes(StandardCharsets.US_ASCII);
    }

    /** Watches a member whose export of {@code generation} this rank holds, replacing an older watch. */
    void watch(final int member, final long generation) {
        if (closed || member == selfRank) {
            return;
        }
        final long id = store.watch(markerKey(member, generation + 1), (result, key, value) -> {
            if (result == 0) {
                schedule(member);
            }
        });
        final Long old = watchIds.put(member, id);
        if (old != null) {
            unwatchQuietly(old);
        }
        if (closed) {
            forget(member);
        }
    }

    /** Stops watching a member (it left or was lost). */
    void forget(final int member) {
        final Long old = watchIds.remove(member);
        if (old != null) {
            unwatchQuietly(old);
        }
    }

    /** Stops watching every member (this rank left). */
    void forgetAll() {
        for (final Integer member : watchIds.keySet()) {
            forget(member);
        }
    }

    private void schedule(final int member) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> refresh(member));
        } catch (final RejectedExecutionException stopping) {
            // closed meanwhile
        }
    }

    private void refresh(final int member) {
        if (closed || !routes.isMember(member)) {
            return;
        }
        try {
            final Optional<RankExport> fresh = reader.apply(member);
            if (fresh.isEmpty()) {
                return; // the member left; its leave or rank-down drops it
            }
            routes.exportChanged(fresh.get());
            if (routes.isMember(member)) {
                watch(member, fresh.get().generation());
            }
        } catch (final MemFabricException e) {
            LastError.getAndClear();
            LOG.warn("bm export refresh failed: rank=" + selfRank + ", peer=" + member + ", cause=" + e.getMessage());
        }
    }

    private void unwatchQuietly(final long id) {
        try {
            store.unwatch(id);
        } catch (final MemFabricException e) {
            LastError.getAndClear();
        }
    }

    @Override
    public void close() {
        closed = true;
        forgetAll();
        worker.shutdownNow();
    }
}
