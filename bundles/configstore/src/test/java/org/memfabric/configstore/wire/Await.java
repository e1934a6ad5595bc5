package org.memfabric.configstore.wire;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a hard deadline passes (tests only). */
public final class Await {
    /** The default longest wait. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Waits up to {@link #DEFAULT} for a condition.
     *
     * @param condition the condition
     * @param what describes the condition, evaluated only on failure
     */
    public static void until(final BooleanSupplier condition, final Supplier<String> what) {
        until(condition, DEFAULT, what);
    }

    /**
     * Waits for a condition.
     *
     * @param condition the condition
     * @param within the longest wait
     * @param what describes the condition, evaluated only on failure
     */
    public static void until(final BooleanSupplier condition, final Duration within, final Supplier<String> what) {
        final long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within.toMillis() + " ms: " + what.get());
            }
            try {
                Thread.sleep(2);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what.get(), e);
            }
        }
    }
}
