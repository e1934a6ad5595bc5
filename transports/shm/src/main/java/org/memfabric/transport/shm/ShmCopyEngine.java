package org.memfabric.transport.shm;

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
 * The "SDMA-style copy engine" of one {@link ShmTransport}: a few daemon threads that perform asynchronous copies
 * between mappings and complete their futures.
 *
 * <p>Any thread submits; a copy-engine thread runs the copy and completes the future. The queue is bounded
 * ({@value #QUEUE_CAPACITY}); when it is full the submitting thread copies itself (back-pressure, counted, never a
 * failure). {@link #close()}, from any thread, stops the threads and fails every queued copy with a
 * {@link TransportException}, so no caller waits forever.
 */
final class ShmCopyEngine implements AutoCloseable {
    /** Queued asynchronous copies before callers run their own. */
    static final int QUEUE_CAPACITY = 1024;
    private static final long CLOSE_WAIT_MS = 10_000;

    private final ThreadPoolExecutor pool;

    ShmCopyEngine(final int threads) {
        Validate.inRange("copyThreads", threads, 1, ShmTransport.MAX_COPY_THREADS);
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), new DaemonThreads());
    }

    /**
     * Runs a copy on a copy-engine thread.
     *
     * @param work the copy; its exception completes the future exceptionally, unwrapped
     * @param what the copy in {@code key=value} form, for the failure when the engine is closed
     * @param callerRuns bumped when the queue is full and the caller copies itself
     * @return the completion
     */
    CompletableFuture<Void> submit(final Runnable work, final Supplier<String> what, final LongAdder callerRuns) {
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

    /** One queued copy and its future. */
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
            future.completeExceptionally(new TransportException(ShmTransport.NAME, -1,
                "asynchronous copy dropped, transport closed: " + what.get(), null));
        }
    }

    /** Names the copy-engine threads and makes them daemons. */
    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger ENGINES = new AtomicInteger();
        private final int engine = ENGINES.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable) {
            final Thread thread = new Thread(runnable,
                "memfabric-shm-copy-" + engine + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
