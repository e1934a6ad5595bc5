package org.memfabric.transport.tcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the deadlines of one endpoint's channels ({@link TcpChannelGuard}s): a periodic scan on the transport's
 * scheduler thread closes every channel whose deadline has passed.
 *
 * <p>A periodic scan costs the operations nothing but a volatile write, where a timer per operation would wake the
 * scheduler thread (a cross-vCPU wake-up) on every call. Any thread adds and removes guards; the scan runs on the
 * scheduler thread; {@link #close()} stops the scan.
 */
final class TcpWatchdog implements AutoCloseable {
    /** Shortest scan period. */
    static final long MIN_TICK_MS = 10;
    /** Longest scan period. */
    static final long MAX_TICK_MS = 250;

    private final Set<TcpChannelGuard> guards = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> scan;

    /**
     * Starts the scan.
     *
     * @param scheduler the transport's scheduler
     * @param timeoutMs the endpoint's operation timeout; the scan runs about ten times per timeout
     */
    TcpWatchdog(final ScheduledExecutorService scheduler, final long timeoutMs) {
        final long tickMs = Math.max(MIN_TICK_MS, Math.min(MAX_TICK_MS, timeoutMs / 10));
        this.scan = scheduler.scheduleWithFixedDelay(this::scan, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    void watch(final TcpChannelGuard guard) {
        guards.add(guard);
    }

    void forget(final TcpChannelGuard guard) {
        guards.remove(guard);
    }

    private void scan() {
        final long nowNs = System.nanoTime();
        for (final TcpChannelGuard guard : guards) {
            guard.expireIfDue(nowNs);
        }
    }

    @Override
    public void close() {
        scan.cancel(false);
        guards.clear();
    }
}
