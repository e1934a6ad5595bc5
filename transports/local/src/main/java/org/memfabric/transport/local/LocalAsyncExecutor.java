package org.memfabric.transport.local;

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
import org.memfabric.api.Validate;

/**
 * Completes asynchronous transfers of one {@link LocalTransport} on a few daemon threads.
 *
 * <p>Any thread submits; a pool thread runs the work and completes the future. When the queue is full the submitting
 * thread runs the work itself (back-pressure instead of failure). {@link #close()}, from any thread, stops the pool
 * and fails every future still queued with a {@link TransportException}, so no caller waits forever.
 */
final class LocalAsyncExecutor implements AutoCloseable {
    /** Queued asynchronous transfers before callers run their own work. */
    static final int QUEUE_CAPACITY = 4096;
    private static final long CLOSE_WAIT_MS = 10_000;

    private final ThreadPoolExecutor pool;

    LocalAsyncExecutor(final int threads) {
        Validate.inRange("asyncThreads", threads, 1, LocalTransport.MAX_ASYNC_THREADS);
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), new DaemonThreads());
    }

    /**
     * Runs work on a pool thread.
     *
     * @param work the transfer; its exception completes the future exceptionally, unwrapped
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
            future.completeExceptionally(new TransportException(LocalTransport.NAME, -1,
                "asynchronous transfer dropped, transport closed: " + what.get(), null));
        }
    }

    /** Names the pool threads and makes them daemons, so a forgotten transport does not keep the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable) {
            final Thread thread = new Thread(runnable,
                "memfabric-local-async-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
