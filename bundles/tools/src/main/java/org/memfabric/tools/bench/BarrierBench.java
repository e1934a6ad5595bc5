package org.memfabric.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.memfabric.api.store.ConfigStore;
import org.memfabric.configstore.group.GroupEngine;

/**
 * Barrier latency of a static group of R ranks in this process: every rank has its own client connection, its own
 * thread and a {@link GroupEngine#createStatic static group engine} on a prefix unique to the run, and calls
 * {@link GroupEngine#barrier()} in a loop. The time of each of rank 0's barrier calls is one round; after unmeasured
 * warm-up rounds, the rounds are recorded into a {@link LatencyHistogram}.
 *
 * <p>Threading: the thread calling {@link #run} starts one task per rank on a pool of R threads and waits for all
 * of them; the ranks share nothing but the store.
 */
final class BarrierBench {
    /** Bound of every barrier call (the group's control-operation timeout). */
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(60);

    private final List<ConfigStore> rankStores;

    /**
     * @param rankStores one connected client per rank, each already scoped to the same run-unique group prefix
     */
    BarrierBench(final List<ConfigStore> rankStores) {
        this.rankStores = List.copyOf(rankStores);
    }

    /**
     * Runs warm-up and measured barrier rounds.
     *
     * @param rounds measured rounds
     * @param warmupRounds unmeasured rounds before
     * @return the row: rank 0's per-round times and the wall time of the measured rounds
     * @throws InterruptedException when interrupted while waiting for the ranks
     */
    BenchRow run(final int rounds, final int warmupRounds) throws InterruptedException {
        final int size = rankStores.size();
        final ExecutorService pool = Executors.newFixedThreadPool(size, new NamedThreads("memfabric-bench-rank"));
        try {
            final List<Future<long[]>> ranks = new ArrayList<>();
            final CountDownLatch finished = new CountDownLatch(size);
            for (int rank = 0; rank < size; rank++) {
                final ConfigStore store = rankStores.get(rank);
                final int myRank = rank;
                ranks.add(pool.submit(() -> rounds(store, myRank, size, rounds, warmupRounds, finished)));
            }
            final List<long[]> results = new ArrayList<>();
            for (final Future<long[]> rank : ranks) {
                results.add(await(rank, rounds));
            }
            final long[] rank0 = results.get(0);
            final LatencyHistogram latency = new LatencyHistogram();
            for (int i = 0; i < rounds; i++) {
                latency.record(rank0[i]);
            }
            return new BenchRow("barrier", "BARRIER", 0, size, 0, latency, rank0[rounds]);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One rank's loop: the per-round times, then the measured wall time as the last element. A rank closes its
     * engine only once every rank returned from the last barrier: closing removes the keys of the last rounds, which
     * a rank still waiting in the last barrier would otherwise never see completed.
     */
    private static long[] rounds(final ConfigStore store, final int rank, final int size, final int rounds,
        final int warmupRounds, final CountDownLatch finished) throws InterruptedException {
        final long[] times = new long[rounds + 1];
        try (GroupEngine group = GroupEngine.createStatic(store, rank, size, CONTROL_TIMEOUT)) {
            for (int i = 0; i < warmupRounds; i++) {
                group.barrier();
            }
            final long startNs = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                final long t0 = System.nanoTime();
                group.barrier();
                times[i] = System.nanoTime() - t0;
            }
            times[rounds] = System.nanoTime() - startNs;
            finished.countDown();
            if (!finished.await(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("bench ranks did not all finish their barriers: rank=" + rank
                    + ", size=" + size + ", timeoutMs=" + CONTROL_TIMEOUT.toMillis());
            }
        }
        return times;
    }

    private static long[] await(final Future<long[]> rank, final int rounds) throws InterruptedException {
        final long timeoutMs = CONTROL_TIMEOUT.toMillis() + TimeUnit.SECONDS.toMillis(rounds);
        try {
            return rank.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("bench rank failed: cause=" + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("bench barrier run did not finish: timeoutMs=" + timeoutMs, e);
        }
    }
}
