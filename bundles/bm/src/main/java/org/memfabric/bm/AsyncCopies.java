package org.memfabric.bm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;

/**
 * Asynchronous copies of one BM object: a small pool runs checked plans, and copies submitted with
 * {@code ASYNC_COPY_FLAG} are remembered per submitting thread until that thread calls {@link #awaitMine()}
 * ({@code smem_bm_wait} waits for the calling thread's copies). Thread-safe.
 */
final class AsyncCopies implements AutoCloseable {
    private final ExecutorService pool;
    private final ThreadLocal<List<CompletableFuture<Void>>> pending = ThreadLocal.withInitial(ArrayList::new);

    AsyncCopies(final String name, final int threads) {
        final AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> {
                final Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    }

    /** Runs a task on the pool; the future fails with the task's typed error. */
    CompletableFuture<Void> submit(final Runnable copy) {
        try {
            return CompletableFuture.runAsync(copy, pool);
        } catch (final java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new MemFabricException(ErrorCode.SM_NOT_STARTED,
                "bm object closed: asynchronous copy refused"));
        }
    }

    /** Runs a task on the pool and remembers it for the calling thread's {@link #awaitMine()}. */
    void submitTracked(final Runnable copy) {
        final List<CompletableFuture<Void>> mine = pending.get();
        mine.removeIf(CompletableFuture::isDone);
        mine.add(submit(copy));
    }

    /**
     * Waits for every tracked copy of the calling thread.
     *
     * @throws MemFabricException the first failure among them (all are waited for)
     */
    void awaitMine() {
        final List<CompletableFuture<Void>> mine = pending.get();
        MemFabricException first = null;
        for (final CompletableFuture<Void> f : mine) {
            try {
                f.get();
            } catch (final ExecutionException | CompletionException e) {
                if (first == null) {
                    first = unwrap(e.getCause());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MemFabricException(ErrorCode.SM_ERROR, "interrupted while waiting for asynchronous copies",
                    e);
            }
        }
        mine.clear();
        if (first != null) {
            throw first;
        }
    }

    static MemFabricException unwrap(final Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException || c instanceof ExecutionException) {
            c = c.getCause();
        }
        if (c instanceof MemFabricException) {
            return (MemFabricException) c;
        }
        return new MemFabricException(ErrorCode.SM_ERROR, "asynchronous copy failed: cause=" + c, c);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
