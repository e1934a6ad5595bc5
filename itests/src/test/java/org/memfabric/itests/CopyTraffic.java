package org.memfabric.itests;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.memfabric.api.MemFabricException;

/**
 * A thread that repeats one copy until stopped, for the hot-swap tests: it counts successes and typed failures
 * ({@link MemFabricException}) and keeps the first untyped failure. The copy runs on its own thread; the test
 * thread starts, awaits and stops it.
 */
final class CopyTraffic {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger typed = new AtomicInteger();
    final AtomicReference<Throwable> untyped = new AtomicReference<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final long timeoutMs;
    private final Thread thread;

    /**
     * Creates the traffic; nothing runs before {@link #start()}.
     *
     * @param name the thread name
     * @param copy one copy
     * @param timeoutMs how long {@link #awaitSuccesses} and {@link #stop()} wait
     */
    CopyTraffic(final String name, final Runnable copy, final long timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.thread = new Thread(() -> {
            while (!stop.get()) {
                try {
                    copy.run();
                    ok.incrementAndGet();
                } catch (final MemFabricException e) {
                    typed.incrementAndGet();
                } catch (final Throwable e) {
                    untyped.compareAndSet(null, e);
                }
            }
        }, name);
    }

    void start() {
        thread.start();
    }

    /** Fails the test unless {@code count} copies have succeeded within the timeout. */
    void awaitSuccesses(final int count, final String what) throws InterruptedException {
        Problems.assertNone(what + " did not happen: ok=" + ok.get() + ", typedFailures=" + typed.get()
            + ", untyped=" + untyped.get(),
            Deadline.awaitNoProblem(timeoutMs, () -> ok.get() >= count ? null : "ok=" + ok.get()));
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join(timeoutMs);
    }
}
