package org.memfabric.configstore.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.memfabric.api.log.FabricLogger;
import org.memfabric.configstore.wire.StoreIoThread;

/**
 * Fails store calls whose deadline passed, for every client of the process, on one thread that sleeps until the
 * earliest deadline: no timer task per call, so a call costs the sweeper nothing unless its deadline is earlier than
 * everything pending (then the sweeper is woken once).
 *
 * <p>Threading: the sweeper thread (a {@link StoreIoThread}) calls {@link Sweepable#sweep}; {@link #deadlineAdded},
 * {@link #add}, {@link #remove} and {@link #close} may be called from any thread.
 */
final class DeadlineSweeper {
    /** Something with deadlines: a client. */
    interface Sweepable {
        /**
         * Fails what is overdue.
         *
         * @param nowNs System.nanoTime now
         * @return the earliest deadline still pending, or {@link PendingCall#NO_DEADLINE}
         */
        long sweep(long nowNs);
    }

    /** Sweeps at least this often while idle, as a safety net. */
    private static final long IDLE_SWEEP_NS = TimeUnit.SECONDS.toNanos(1);
    private static final FabricLogger LOG = FabricLogger.of("store-client");

    private final Set<Sweepable> clients = ConcurrentHashMap.newKeySet();
    private final StoreIoThread thread;
    /** When the sweeper looks next (System.nanoTime); meaningful while not {@link #scanning}. */
    private volatile long nextSweepNs;
    private volatile boolean scanning = true;
    private volatile boolean running = true;

    DeadlineSweeper(final String threadName) {
        this.thread = new StoreIoThread(this::run, threadName);
        thread.start();
    }

    void add(final Sweepable client) {
        clients.add(client);
    }

    void remove(final Sweepable client) {
        clients.remove(client);
    }

    /**
     * Called after a call with this deadline became pending: wakes the sweeper when it would sleep past it.
     *
     * @param deadlineNs the deadline (System.nanoTime), or {@link PendingCall#NO_DEADLINE}
     */
    void deadlineAdded(final long deadlineNs) {
        if (deadlineNs == PendingCall.NO_DEADLINE) {
            return;
        }
        if (scanning || deadlineNs - nextSweepNs < 0) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (running) {
            scanning = true;
            final long nowNs = System.nanoTime();
            long nextNs = nowNs + IDLE_SWEEP_NS;
            for (final Sweepable client : clients) {
                try {
                    final long due = client.sweep(nowNs);
                    if (due != PendingCall.NO_DEADLINE && due - nextNs < 0) {
                        nextNs = due;
                    }
                } catch (final RuntimeException e) {
                    LOG.error("store deadline sweep failed: client=" + client, e);
                }
            }
            nextSweepNs = nextNs;
            scanning = false;
            final long sleepNs = nextNs - System.nanoTime();
            if (sleepNs > 0) {
                LockSupport.parkNanos(this, sleepNs);
            }
        }
    }

    /** Stops the thread (after its current sweep). */
    void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
