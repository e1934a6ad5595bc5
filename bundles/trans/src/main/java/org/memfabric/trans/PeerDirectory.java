package org.memfabric.trans;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;

/**
 * The peers this engine has talked to, each as the {@link RemotePeer} of the latest record read from the store,
 * kept fresh by store watches instead of polling.
 *
 * <p>For every cached peer of generation G the directory watches the peer's change marker G + 1 and then re-reads
 * the record once (requests on one store link are served in order, so a publication that happened before the watch
 * was parked is seen by that read, and one that happens after wakes the watch). A woken watch, a failed watch (the
 * store link broke) and a rank-down event for the peer's store rank mark the peer stale; the directory thread then
 * re-reads its record, and a data-path thread that meets a stale peer re-reads it itself. A record with another
 * incarnation or generation replaces the peer (its connections close); a missing record removes it.
 *
 * <p>Threading: data-path threads call {@link #peer} and {@link #reload} (store reads on their own thread, one per
 * peer at a time); store callbacks run on the store client's callback thread and only mark peers stale and hand
 * work to the directory's single daemon thread, because synchronous store calls are refused there.
 */
final class PeerDirectory implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("trans");

    private final ConfigStore store;
    private final String self;
    private final Map<String, RemotePeer> peers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private final AutoCloseable rankDown;
    private volatile boolean closed;

    PeerDirectory(final ConfigStore store, final String self) {
        this.store = store;
        this.self = self;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "memfabric-trans-directory-" + self);
            t.setDaemon(true);
            return t;
        });
        this.rankDown = store.watchRankDown(this::onRankDown);
    }

    /**
     * The peer, from the cache or read from the store now.
     *
     * @throws InvalidArgumentException when no engine with that id is registered in the store
     */
    RemotePeer peer(final String uniqueId) {
        final RemotePeer p = peers.get(uniqueId);
        return p != null && !p.isStale() ? p : reload(uniqueId, p);
    }

    /**
     * Re-reads a peer's record: returns the peer as cached when the record is unchanged, otherwise a new one that
     * replaces it (and whose connections are new).
     *
     * @param uniqueId the peer
     * @param seen the peer the caller used, or null
     * @throws InvalidArgumentException when no engine with that id is registered any more
     */
    RemotePeer reload(final String uniqueId, final RemotePeer seen) {
        synchronized (locks.computeIfAbsent(uniqueId, k -> new Object())) {
            final RemotePeer current = peers.get(uniqueId);
            if (current != null && current != seen && !current.isStale()) {
                return current;
            }
            final Optional<byte[]> raw = store.tryGet(RecordKeys.record(uniqueId));
            if (raw.isEmpty()) {
                if (current != null) {
                    peers.remove(uniqueId, current);
                    unwatch(current);
                    current.close();
                }
                throw new InvalidArgumentException("unknown peer, no engine registered with this id: uniqueId="
                    + uniqueId + ", self=" + self);
            }
            final EngineRecord record = EngineRecord.fromBytes(raw.get());
            if (current != null && current.record().incarnation() == record.incarnation()
                && current.record().generation() == record.generation()) {
                current.clearStale();
                if (current.watchId() < 0) {
                    arm(current);
                }
                return current;
            }
            final RemotePeer fresh = new RemotePeer(record);
            peers.put(uniqueId, fresh);
            if (current != null) {
                unwatch(current);
                current.close();
                LOG.info("trans peer record replaced: self=" + self + ", old=" + current + ", new=" + record);
            }
            arm(fresh);
            return fresh;
        }
    }

    /** Watches the peer's next change marker, then re-reads once to close the race with a publication under way. */
    private void arm(final RemotePeer peer) {
        final String id = peer.uniqueId();
        final long next = peer.record().generation() + 1;
        peer.watchId(store.watch(RecordKeys.marker(id, next), (result, key, value) -> {
            peer.watchId(-1);
            peer.markStale();
            if (result == 0) {
                schedule(id, peer);
            }
        }));
        final Optional<byte[]> now = store.tryGet(RecordKeys.record(id));
        if (now.isEmpty() || EngineRecord.fromBytes(now.get()).generation() >= next) {
            peer.markStale();
            schedule(id, peer);
        }
    }

    private void schedule(final String uniqueId, final RemotePeer peer) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    if (!closed && peers.get(uniqueId) == peer) {
                        reload(uniqueId, peer);
                    }
                } catch (final MemFabricException e) {
                    LastError.getAndClear();
                    LOG.debug(() -> "trans peer refresh: self=" + self + ", peer=" + uniqueId + ", result="
                        + e.getMessage());
                }
            });
        } catch (final RejectedExecutionException e) {
            // closing: nothing to refresh any more
        }
    }

    private void onRankDown(final int rank) {
        for (final RemotePeer p : new ArrayList<>(peers.values())) {
            if (p.record().storeRank() == rank) {
                LOG.info("trans peer's store link down: self=" + self + ", peer=" + p);
                p.markStale();
                schedule(p.uniqueId(), p);
            }
        }
    }

    private void unwatch(final RemotePeer peer) {
        final long id = peer.watchId();
        if (id >= 0) {
            peer.watchId(-1);
            try {
                store.unwatch(id);
            } catch (final MemFabricException e) {
                LastError.getAndClear(); // the watch fired meanwhile
            }
        }
    }

    /** Forgets every peer's routes so the next transfers choose transports again. */
    void forgetRoutes() {
        for (final RemotePeer p : peers.values()) {
            p.forgetRoutes();
        }
    }

    /** The directory's thread, for work that needs synchronous store calls off the store's callback thread. */
    java.util.concurrent.Executor worker() {
        return worker;
    }

    int size() {
        return peers.size();
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            rankDown.close();
        } catch (final Exception e) {
            LOG.debug(() -> "trans rank-down subscription close: " + e);
        }
        for (final RemotePeer p : peers.values()) {
            unwatch(p);
            p.close();
        }
        peers.clear();
    }
}
