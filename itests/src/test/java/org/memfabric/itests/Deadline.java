package org.memfabric.itests;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounded polling for state that the OSGi container reaches asynchronously (DS activation, feature installation).
 *
 * <p>Called from the test thread only; the polled supplier must be safe to call from it.
 */
final class Deadline {
    private static final long POLL_INTERVAL_MS = 20;

    private Deadline() {
    }

    /**
     * Polls until the check reports no problem or the timeout passes.
     *
     * @param timeoutMs how long to keep polling
     * @param check returns null when the state is reached, otherwise a description of what is still wrong
     * @return null when reached, otherwise the last description
     * @throws InterruptedException when interrupted while polling
     */
    static String awaitNoProblem(final long timeoutMs, final Supplier<String> check) throws InterruptedException {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String problem = check.get();
        while (problem != null && System.nanoTime() - deadlineNs < 0) {
            Thread.sleep(POLL_INTERVAL_MS);
            problem = check.get();
        }
        return problem;
    }
}
