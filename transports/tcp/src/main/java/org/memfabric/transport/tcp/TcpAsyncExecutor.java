package org.memfabric.transport.tcp;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.memfabric.api.TransportException;

/**
 * Runs the asynchronous transfers of one {@link TcpTransport} on a few daemon threads; each runs a transfer exactly
 * as a synchronous caller would (it takes a link, writes the requests, reads the replies) and completes the future.
 *
 * <p>Any thread submits. When the queue is full the submitting thread runs the transfer itself (back-pressure rather
 * than failure). {@link #close()}, from any thread, stops the pool and fails every queued future with a
 * {@link TransportException}, so no caller waits forever.
 */
final class TcpAsyncExecutor implements AutoCloseable {
    /** Queued asynchronous transfers before submitters run their own. */
    static final int QUEUE_CAPACITY = 4096;
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor pool;

    TcpAsyncExecutor(final int threads) {
        final int poolNumber = POOLS.incrementAndGet();
        final AtomicInteger threadNumbers = new AtomicInteger();
        final ThreadFactory factory = runnable -> {
            final Thread thread = new Thread(runnable,
                "memfabric-tcp-async-" + poolNumber + "-" + threadNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), factory);
    }

    /**
     * Runs a transfer on a pool thread.
     *
     * @param work the transfer; what it throws completes the future exceptionally, unwrapped
     * @param what the transfer in {@code key=value} form, for the failure when the transport is closed
     * @return the completion
     */
    CompletableFuture<Void> submit(final Runnable work, final Supplier<String> what) {
        final Task task = new Task(work, what);
        try {
            pool.execute(task);
        } catch (final RejectedExecutionException rejected) {
            if (pool.isShutdown()) {
                task.failClosed();
            } else {
                task.run();
            }
        }
        return task.future;
    }

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
    private static final class Task implements Runnable {
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
            future.completeExceptionally(new TransportException(TcpTransport.NAME, -1,
                "asynchronous transfer dropped, transport closed: " + what.get(), null));
        }
    }
}
