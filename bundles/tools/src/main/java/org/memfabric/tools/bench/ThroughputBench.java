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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.memfabric.api.store.ConfigStore;

/**
 * Throughput with N concurrent clients in a closed loop, thread per client (the {@code --driver threads} of
 * {@code memfabric bench store}): every client has its own connection and its own thread, which makes blocking calls
 * and issues its next call as soon as the previous one returned, until the shared request budget is used up. All
 * clients use the same key. Compare {@link AsyncThroughputBench}, which drives the clients without a thread each.
 *
 * <p>Threading: the thread calling {@link #run} hands one task per client to a pool of N threads, opens the start
 * gate once every task is ready, and waits for all of them; the tasks share only the request budget (an atomic
 * counter) and the first failure.
 */
final class ThroughputBench implements ThroughputDriver {
    private final List<ConfigStore> clients;
    private final String key;
    private final byte[] value;
    private final ExecutorService pool;

    /**
     * @param clients the connected clients, one per thread, scoped to the run's prefix
     * @param key the key every call uses
     * @param value the value SET stores
     */
    ThroughputBench(final List<ConfigStore> clients, final String key, final byte[] value) {
        this.clients = List.copyOf(clients);
        this.key = key;
        this.value = value.clone();
        this.pool = Executors.newFixedThreadPool(clients.size(), new NamedThreads("memfabric-bench-client"));
    }

    @Override
    public BenchRow run(final Op op, final int requests, final int warmup) throws InterruptedException {
        if (warmup > 0) {
            measure(op, warmup);
        }
        final Measured measured = measure(op, requests);
        return new BenchRow("throughput", op.name(), clients.size(), 0, value.length, measured.latency,
            measured.elapsedNs, Kind.THREADS.label());
    }

    private static final class Measured {
        final LatencyHistogram latency;
        final long elapsedNs;

        Measured(final LatencyHistogram latency, final long elapsedNs) {
            this.latency = latency;
            this.elapsedNs = elapsedNs;
        }
    }

    private Measured measure(final Op op, final int requests) throws InterruptedException {
        final AtomicLong budget = new AtomicLong(requests);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final CountDownLatch ready = new CountDownLatch(clients.size());
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<LatencyHistogram>> tasks = new ArrayList<>();
        for (final ConfigStore client : clients) {
            tasks.add(pool.submit(() -> {
                final LatencyHistogram mine = new LatencyHistogram();
                ready.countDown();
                start.await();
                try {
                    while (budget.getAndDecrement() > 0) {
                        final long t0 = System.nanoTime();
                        if (op == Op.SET) {
                            client.set(key, value);
                        } else {
                            client.get(key, Duration.ZERO);
                        }
                        mine.record(System.nanoTime() - t0);
                    }
                } catch (final RuntimeException e) {
                    budget.set(0);
                    failure.compareAndSet(null, e);
                }
                return mine;
            }));
        }
        ready.await();
        final long startNs = System.nanoTime();
        start.countDown();
        final LatencyHistogram all = new LatencyHistogram();
        for (final Future<LatencyHistogram> task : tasks) {
            all.add(await(task, startNs));
        }
        final long elapsedNs = System.nanoTime() - startNs;
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Measured(all, elapsedNs);
    }

    private static LatencyHistogram await(final Future<LatencyHistogram> task, final long startNs)
        throws InterruptedException {
        final long leftNs = TimeUnit.MILLISECONDS.toNanos(RUN_TIMEOUT_MS) - (System.nanoTime() - startNs);
        try {
            return task.get(Math.max(leftNs, 1), TimeUnit.NANOSECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("bench client failed: cause=" + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("bench run did not finish: timeoutMs=" + RUN_TIMEOUT_MS, e);
        }
    }

    /** Stops the client threads; the clients themselves belong to the caller. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
