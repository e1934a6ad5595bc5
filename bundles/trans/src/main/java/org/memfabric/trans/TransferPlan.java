package org.memfabric.trans;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.memfabric.api.MemFabricException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.TransferOp;

/**
 * The transport operations of one read, write or batch, grouped by connection so that each connection gets one
 * {@code transferBatch}: usually one group (every region of the peer on the same transport), two when some regions
 * go over shared memory and others over TCP. Built completely, and so validated, before a byte moves. Not
 * thread-safe: built and run by one caller.
 */
final class TransferPlan {
    /** The ops for one connection. */
    private static final class Group {
        private final PeerConnection connection;
        private final List<TransferOp> ops;

        Group(final PeerConnection connection, final int capacity) {
            this.connection = connection;
            this.ops = new ArrayList<>(capacity);
        }
    }

    private final List<Group> groups = new ArrayList<>(2);
    private final int expectedOps;
    private int opCount;

    /**
     * An empty plan.
     *
     * @param expectedOps how many ops it will probably hold (the request count): the first group is sized for them,
     *     as a plan usually has one group
     */
    TransferPlan(final int expectedOps) {
        this.expectedOps = Math.max(1, expectedOps);
    }

    void add(final PeerConnection connection, final TransferOp op) {
        Group g = null;
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).connection == connection) {
                g = groups.get(i);
                break;
            }
        }
        if (g == null) {
            g = new Group(connection, groups.isEmpty() ? expectedOps : 4);
            groups.add(g);
        }
        g.ops.add(op);
        opCount++;
    }

    int opCount() {
        return opCount;
    }

    int groupCount() {
        return groups.size();
    }

    /**
     * Runs the plan on the calling thread: the first group synchronously, the others asynchronously alongside it.
     *
     * @throws MemFabricException the first failure
     */
    void runSync() {
        if (groups.size() == 1) {
            runGroup(groups.get(0));
            return;
        }
        final List<CompletableFuture<Void>> others = new ArrayList<>(groups.size() - 1);
        for (int i = 1; i < groups.size(); i++) {
            others.add(startAsync(groups.get(i)));
        }
        RuntimeException first = null;
        try {
            runGroup(groups.get(0));
        } catch (final RuntimeException e) {
            first = e;
        }
        for (final CompletableFuture<Void> f : others) {
            try {
                f.join();
            } catch (final CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Starts every group asynchronously.
     *
     * @return completes when all groups are done, exceptionally with the first failure
     */
    CompletableFuture<Void> runAsync() {
        if (groups.size() == 1) {
            return startAsync(groups.get(0));
        }
        final CompletableFuture<?>[] all = new CompletableFuture<?>[groups.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = startAsync(groups.get(i));
        }
        return CompletableFuture.allOf(all);
    }

    private static void runGroup(final Group g) {
        if (g.ops.size() == 1) {
            g.connection.transfer(g.ops.get(0));
        } else {
            g.connection.transferBatch(g.ops);
        }
    }

    private static CompletableFuture<Void> startAsync(final Group g) {
        try {
            return g.ops.size() == 1 ? g.connection.transferAsync(g.ops.get(0))
                : g.connection.transferBatchAsync(g.ops);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
