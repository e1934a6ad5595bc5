package org.memfabric.transport.spi;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;

/**
 * The asynchronous side of a transport: a few daemon threads that run transfers exactly as a synchronous caller
 * would and complete their futures. Transports share it instead of each writing its own.
 *
 * <p>Any thread submits; a pool thread runs the work and completes the future (exceptionally, unwrapped, with what
 * the work threw). The queue is bounded; when it is full the submitting thread runs the work itself (back-pressure,
 * counted in {@link #callerRuns()}, never a failure). {@link #close()}, from any thread, stops the pool and fails
 * every queued future with a {@link TransportException} naming the transfer, so no caller waits forever; later
 * submissions fail the same way.
 */
public final class AsyncTransferPool implements AutoCloseable {
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final String transportName;
    private final ThreadPoolExecutor pool;
    private final LongAdder callerRuns = new LongAdder();

    /**
     * Starts the pool.
     *
     * @param transportName the transport's name, for thread names and failures
     * @param threads the number of threads, positive
     * @param queueCapacity queued transfers before submitters run their own, positive
     */
    public AsyncTransferPool(final String transportName, final int threads, final int queueCapacity) {
        this.transportName = Validate.notEmpty("transportName", transportName);
        Validate.inRange("threads", threads, 1, 1024);
        Validate.inRange("queueCapacity", queueCapacity, 1, 1 << 20);
        final int poolNumber = POOLS.incrementAndGet();
        final AtomicInteger threadNumbers = new AtomicInteger();
        final ThreadFactory daemons = runnable -> {
            final Thread thread = new Thread(runnable,
                "memfabric-" + transportName + "-async-" + poolNumber + "-" + threadNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity), daemons);
    }

    /**
     * Runs a transfer on a pool thread.
     *
     * @param work the transfer; what it throws completes the future exceptionally, unwrapped
     * @param what the transfer in {@code key=value} form, for the failure when the pool is closed
     * @return the completion
     */
    public CompletableFuture<Void> submit(final Runnable work, final Supplier<String> what) {
        final Task task = new Task(work, what);
        try {
            pool.execute(task);
        } catch (final RejectedExecutionException rejected) {
            if (pool.isShutdown()) {
                task.failClosed();
            } else {
                callerRuns.increment();
                task.run();
            }
        }
        return task.future;
    }

    /**
     * How often a full queue made the submitting thread run its transfer itself.
     *
     * @return the count
     */
    public long callerRuns() {
        return callerRuns.sum();
    }

    /** Stops the threads, failing every queued transfer; waits (bounded) for running ones. Idempotent. */
    @Override
    public void close() {
        final List<Runnable> queued = pool.shutdownNow();
        for (final Runnable task : queued) {
            ((Task) task).failClosed();
        }
        try {
            pool.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One queued transfer and its future. */
    private final class Task implements Runnable {
        private final Runnable work;
        private final Supplier<String> what;
        private final CompletableFuture<Void> future = new CompletableFuture<>();

        Task(final Runnable work, final Supplier<String> what) {
            this.work = work;
            this.what = what;
        }

        @Override
        public void run() {
            try {
                work.run();
                future.complete(null);
            } catch (final RuntimeException | Error failure) {
                future.completeExceptionally(failure);
            }
        }

        void failClosed() {
            future.completeExceptionally(new TransportException(transportName, -1,
                "asynchronous transfer dropped, transport closed: transport=" + transportName + ", " + what.get(),
                null));
        }
    }
}
