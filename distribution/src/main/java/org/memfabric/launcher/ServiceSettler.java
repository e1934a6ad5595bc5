package org.memfabric.launcher;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;

/**
 * Waits, for a bounded time, until the services of a framework settle: every expected service class is
 * registered and no service event arrived for a short quiet period, or, when something stays missing, no
 * service event arrived for a longer stable period.
 *
 * <p>Threading: framework threads (bundle starts, SCR) deliver service events to the listener, which only
 * records the time under a private monitor and notifies. The single thread calling {@link #await} blocks on
 * that monitor and does all checks; it never sleeps for a fixed time.
 */
public final class ServiceSettler {

    /** Why {@link #await} returned. */
    public enum Outcome {
        /** All expected services are registered and the registry was quiet. */
        ALL_PRESENT,
        /** Some expected service is missing but the registry did not change for the stable period. */
        STABLE_WITH_MISSING,
        /** The timeout elapsed while services were still changing. */
        TIMED_OUT
    }

    private final BundleContext context;
    private final List<String> expectedClasses;
    private final long quietMs;
    private final long stableMs;
    private final Object lock = new Object();
    private long lastEventNs; // guarded by lock

    /**
     * @param context         any bundle context of the framework
     * @param expectedClasses the service classes ({@code objectClass} names) awaited
     * @param quietMs         quiet period required once all expected services are present
     * @param stableMs        quiet period after which waiting stops although something is missing
     */
    public ServiceSettler(BundleContext context, List<String> expectedClasses, long quietMs, long stableMs) {
        this.context = Objects.requireNonNull(context, "context");
        this.expectedClasses = List.copyOf(expectedClasses);
        if (quietMs < 0 || stableMs < quietMs) {
            throw new IllegalArgumentException("settle periods out of order: quietMs=" + quietMs
                    + " stableMs=" + stableMs);
        }
        this.quietMs = quietMs;
        this.stableMs = stableMs;
    }

    /**
     * Blocks the calling thread until the services settle or the timeout elapses.
     *
     * @param timeoutMs the longest wait
     * @return why it returned
     * @throws InterruptedException when interrupted while waiting
     */
    public Outcome await(long timeoutMs) throws InterruptedException {
        AllServiceListener listener = this::serviceChanged;
        synchronized (lock) {
            lastEventNs = System.nanoTime();
        }
        context.addServiceListener(listener);
        try {
            return awaitSettled(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private Outcome awaitSettled(long deadlineNs) throws InterruptedException {
        while (true) {
            boolean allPresent = allPresent(); // outside the monitor: this calls into the framework
            long requiredNs = TimeUnit.MILLISECONDS.toNanos(allPresent ? quietMs : stableMs);
            synchronized (lock) {
                long nowNs = System.nanoTime();
                long quietForNs = nowNs - lastEventNs;
                if (quietForNs >= requiredNs) {
                    return allPresent ? Outcome.ALL_PRESENT : Outcome.STABLE_WITH_MISSING;
                }
                if (nowNs - deadlineNs >= 0) {
                    return Outcome.TIMED_OUT;
                }
                long waitNs = Math.min(requiredNs - quietForNs, deadlineNs - nowNs);
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(waitNs, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }

    private boolean allPresent() {
        for (String className : expectedClasses) {
            if (ServiceProperties.references(context, className).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void serviceChanged(ServiceEvent event) {
        synchronized (lock) {
            lastEventNs = System.nanoTime();
            lock.notifyAll();
        }
    }
}
