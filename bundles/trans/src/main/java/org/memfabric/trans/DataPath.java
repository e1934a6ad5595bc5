package org.memfabric.trans;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;
import org.memfabric.api.trans.TransferRequest;
import org.memfabric.transport.spi.TransferDirection;

/**
 * Reads and writes of one engine: resolves the peer (cache first; on a remote range the cached record does not hold,
 * the record is re-read from the store once before the request is refused), plans, runs, and when a transfer fails
 * with a transport error and the peer's record has changed since (a restart, a re-registration) plans and runs it
 * once more against the new record. Failures are typed: {@link InvalidArgumentException} for bad ranges before a
 * byte moves, {@link TransportException} naming the peer otherwise.
 *
 * <p>Threading: synchronous transfers run on the caller's thread; asynchronous ones are planned on the caller's
 * thread, run on transport threads, and re-planned (after a failure) on the directory's thread, which may call the
 * store.
 */
final class DataPath {
    /** A resolved transfer: the peer record it was planned against and the plan. */
    static final class Prepared {
        private final RemotePeer peer;
        private final TransferPlan plan;

        Prepared(final RemotePeer peer, final TransferPlan plan) {
            this.peer = peer;
            this.plan = plan;
        }
    }

    private final PeerDirectory directory;
    private final TransferPlanner planner;

    DataPath(final PeerDirectory directory, final TransferPlanner planner) {
        this.directory = directory;
        this.planner = planner;
    }

    /**
     * Validates and plans a transfer; nothing moves yet.
     *
     * @throws InvalidArgumentException for an unknown peer or a range outside registered memory
     * @throws TransportException when no transport reaches the peer's region
     */
    Prepared prepare(final String uniqueId, final TransferDirection direction, final List<TransferRequest> requests) {
        final LocalRegion[] mine = planner.checkLocal(requests);
        final RemotePeer peer = directory.peer(uniqueId);
        final TransferPlanner.Outcome first = planner.plan(peer, direction, requests, mine);
        if (first.missing() == null) {
            return new Prepared(peer, first.plan());
        }
        return against(directory.reload(uniqueId, peer), direction, requests, mine);
    }

    private Prepared against(final RemotePeer peer, final TransferDirection direction,
        final List<TransferRequest> requests, final LocalRegion[] mine) {
        final TransferPlanner.Outcome o = planner.plan(peer, direction, requests, mine);
        if (o.missing() != null) {
            throw TransferPlanner.outside(peer, o.missing());
        }
        return new Prepared(peer, o.plan());
    }

    /** Runs a transfer on the calling thread. */
    void run(final String uniqueId, final TransferDirection direction, final List<TransferRequest> requests) {
        final Prepared p = prepare(uniqueId, direction, requests);
        try {
            p.plan.runSync();
        } catch (final TransportException e) {
            final Prepared again = retryPlan(uniqueId, direction, requests, p, e);
            try {
                again.plan.runSync();
            } catch (final TransportException e2) {
                throw wrap(uniqueId, direction, e2);
            }
        }
    }

    /**
     * Starts a prepared transfer asynchronously.
     *
     * @return completes when the bytes have moved, exceptionally with a typed failure
     */
    CompletableFuture<Void> start(final String uniqueId, final TransferDirection direction,
        final List<TransferRequest> requests, final Prepared p) {
        return p.plan.runAsync().handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            final Throwable cause = OrderedStream.unwrap(e);
            if (!(cause instanceof TransportException)) {
                return CompletableFuture.<Void>failedFuture(cause);
            }
            final Executor worker = directory.worker();
            return CompletableFuture.supplyAsync(
                () -> retryPlan(uniqueId, direction, requests, p, (TransportException) cause), worker)
                .thenCompose(again -> again.plan.runAsync())
                .handle((v2, e2) -> {
                    if (e2 == null) {
                        return (Void) null;
                    }
                    final Throwable c2 = OrderedStream.unwrap(e2);
                    throw c2 instanceof TransportException && c2 != cause
                        ? wrap(uniqueId, direction, (TransportException) c2)
                        : c2 instanceof RuntimeException ? (RuntimeException) c2 : new RuntimeException(c2);
                });
        }).thenCompose(f -> f);
    }

    /** Re-reads the peer after a transport failure; a plan against its new record, or the failure when unchanged. */
    private Prepared retryPlan(final String uniqueId, final TransferDirection direction,
        final List<TransferRequest> requests, final Prepared failed, final TransportException failure) {
        final RemotePeer fresh;
        try {
            fresh = directory.reload(uniqueId, failed.peer);
        } catch (final InvalidArgumentException gone) {
            LastError.getAndClear();
            throw wrap(uniqueId, direction, failure);
        }
        if (fresh == failed.peer) {
            throw wrap(uniqueId, direction, failure);
        }
        return against(fresh, direction, requests, planner.checkLocal(requests));
    }

    private static TransportException wrap(final String uniqueId, final TransferDirection direction,
        final TransportException e) {
        return new TransportException(e.transport(), -1, "trans " + direction.name().toLowerCase(java.util.Locale.ROOT)
            + " failed: peer=" + uniqueId + ", cause=" + e.getMessage(), e);
    }
}
