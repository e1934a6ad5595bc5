package org.memfabric.transport.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another thread or process makes true: a short bounded spin, then parking with a growing
 * pause, so that on two vCPUs a waiter never starves the thread it waits for (machine.md). Stateless; runs on the
 * calling thread.
 */
final class SpinThenPark {
    private static final int SPINS = 200;
    private static final long FIRST_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private SpinThenPark() {
    }

    /**
     * Waits until the condition holds or the timeout passes.
     *
     * @return true when the condition held, false on timeout
     */
    static boolean await(final BooleanSupplier condition, final long timeoutNs) {
        for (int i = 0; i < SPINS; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long parkNs = FIRST_PARK_NS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs >= 0) {
                return false;
            }
            LockSupport.parkNanos(parkNs);
            parkNs = Math.min(MAX_PARK_NS, parkNs * 2);
        }
        return true;
    }
}
