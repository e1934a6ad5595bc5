package org.memfabric.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.memfabric.api.store.ConfigStore;

/**
 * Throughput with N connections driven by completions, the way {@code redis-benchmark -c N -P 1} drives its
 * connections from one event loop: every connection (client) keeps exactly one request outstanding, and the
 * completion of a request issues that connection's next one, until the shared request budget is used up. There is
 * no thread per connection; each call is timed from its issue to its completion. All clients use the same key.
 *
 * <p>Threading: {@link #run} issues every connection's first request on the calling thread and then waits; all
 * later requests are issued by the completion of the previous one, on the store's I/O thread (for plaintext clients
 * one selector thread serves them all). A connection's state is touched by one thread at a time, handed over through
 * its single outstanding future; the connections share only the budget and the first failure (atomics).
 */
final class AsyncThroughputBench implements ThroughputDriver {
    private final List<ConfigStore> clients;
    private final String key;
    private final byte[] value;

    /**
     * @param clients the connected clients, one per connection, scoped to the run's prefix
     * @param key the key every call uses
     * @param value the value SET stores
     */
    AsyncThroughputBench(final List<ConfigStore> clients, final String key, final byte[] value) {
        this.clients = List.copyOf(clients);
        this.key = key;
        this.value = value.clone();
    }

    @Override
    public BenchRow run(final Op op, final int requests, final int warmup) throws InterruptedException {
        if (warmup > 0) {
            new Round(op, warmup).measure();
        }
        final Round measured = new Round(op, requests);
        final long elapsedNs = measured.measure();
        return new BenchRow("throughput", op.name(), clients.size(), 0, value.length, measured.latency(), elapsedNs,
            Kind.ASYNC.label());
    }

    /** One warm-up or measured round over all connections. */
    private final class Round {
        private final Op op;
        private final AtomicLong budget;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final CountDownLatch finished = new CountDownLatch(clients.size());
        private final List<Connection> connections = new ArrayList<>();

        Round(final Op op, final int requests) {
            this.op = op;
            this.budget = new AtomicLong(requests);
            for (final ConfigStore client : clients) {
                connections.add(new Connection(this, client));
            }
        }

        /** Runs the round; returns the wall time from the first request to the last reply. */
        long measure() throws InterruptedException {
            final long startNs = System.nanoTime();
            for (final Connection c : connections) {
                c.next();
            }
            if (!finished.await(RUN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                budget.set(0);
                throw new IllegalStateException("bench run did not finish: timeoutMs=" + RUN_TIMEOUT_MS);
            }
            long endNs = startNs;
            for (final Connection c : connections) {
                endNs = Math.max(endNs, c.finishedNs);
            }
            final Throwable cause = failure.get();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause != null) {
                throw new IllegalStateException("bench client failed: cause=" + cause, cause);
            }
            return endNs - startNs;
        }

        LatencyHistogram latency() {
            final LatencyHistogram all = new LatencyHistogram();
            connections.forEach(c -> all.add(c.latency));
            return all;
        }

        CompletableFuture<?> issue(final ConfigStore client) {
            return op == Op.SET ? client.setAsync(key, value) : client.getAsync(key, Duration.ZERO);
        }

        void fail(final Throwable error) {
            final Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                ? error.getCause() : error;
            failure.compareAndSet(null, cause);
            budget.set(0);
        }
    }

    /**
     * One connection's closed loop. {@link #next()} is re-entrant safe: when a call completes while its issuer is
     * still inside {@link #next()} (a failure reported at once), the issuer loops instead of recursing.
     */
    private static final class Connection {
        private final Round round;
        private final ConfigStore client;
        private final LatencyHistogram latency = new LatencyHistogram();
        private final AtomicInteger work = new AtomicInteger();
        private long issuedNs;
        private long finishedNs;

        Connection(final Round round, final ConfigStore client) {
            this.round = round;
            this.client = client;
        }

        void next() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                step();
            } while (work.decrementAndGet() != 0);
        }

        private void step() {
            if (round.failure.get() != null || round.budget.getAndDecrement() <= 0) {
                finishedNs = System.nanoTime();
                round.finished.countDown();
                return;
            }
            issuedNs = System.nanoTime();
            final CompletableFuture<?> call;
            try {
                call = round.issue(client);
            } catch (final RuntimeException e) {
                round.fail(e);
                finishedNs = System.nanoTime();
                round.finished.countDown();
                return;
            }
            call.whenComplete((result, error) -> completed(error));
        }

        private void completed(final Throwable error) {
            if (error == null) {
                latency.record(System.nanoTime() - issuedNs);
            } else {
                round.fail(error);
            }
            next();
        }
    }

    @Override
    public void close() {
        // no threads of its own
    }
}
