package org.memfabric.transport.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a body on several threads started together and collects what each thrown. The caller's thread waits for
 * all of them, at most a bound; worker threads are daemons and named after the test.
 */
public final class Concurrently {
    /** A body that may throw. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs on one worker thread.
         *
         * @param worker the worker index, 0-based
         * @throws Exception any failure, collected
         */
        void run(int worker) throws Exception;
    }

    private Concurrently() {
    }

    /**
     * Runs {@code body} on {@code threads} threads and waits for all.
     *
     * @param threads the number of threads
     * @param timeoutMs how long to wait for all of them
     * @param body the body
     * @return one entry per worker: null when it returned normally, else what it threw
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when a worker is still running after the timeout
     */
    public static List<Throwable> run(final int threads, final long timeoutMs, final Body body)
        throws InterruptedException {
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> workers = new ArrayList<>();
        final Throwable[] outcomes = new Throwable[threads];
        for (int i = 0; i < threads; i++) {
            final int worker = i;
            final Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run(worker);
                } catch (final Throwable failure) {
                    outcomes[worker] = failure;
                }
            }, "tck-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            workers.add(thread);
        }
        start.countDown();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final Thread thread : workers) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            if (thread.isAlive()) {
                throw new AssertionError("worker still running after timeoutMs=" + timeoutMs + ": " + thread.getName());
            }
        }
        final List<Throwable> result = new ArrayList<>();
        for (final Throwable outcome : outcomes) {
            result.add(outcome);
        }
        return result;
    }
}
