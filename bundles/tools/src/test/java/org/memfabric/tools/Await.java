package org.memfabric.tools;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes. For tests; the caller's thread polls. */
public final class Await {
    private Await() {
    }

    /**
     * Waits for a condition.
     *
     * @param what what is awaited, for the failure message
     * @param timeoutMs the longest wait
     * @param condition the condition
     */
    public static void until(final String what, final long timeoutMs, final BooleanSupplier condition) {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out waiting: what=" + what + ", timeoutMs=" + timeoutMs);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
