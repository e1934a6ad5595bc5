package org.memfabric.transport.shm;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.memfabric.api.Validate;

/**
 * Runs a large copy on several cores at once: a {@link Job} is cut into {@code lanes} lanes, the calling thread runs
 * one and {@code lanes - 1} helper threads the others. One core cannot saturate DRAM (machine.md: 12.8 GB/s for one
 * thread, 21.4 GB/s for two), and a copy that stays in the caches runs at each core's own cache speed, so two lanes
 * move a large batch up to about twice as fast.
 *
 * <p>Claiming, not assigning: the caller offers the job to the helpers and then claims lanes itself until none is
 * left, so a job never waits for a helper that is busy with another caller's job or not running at all (a closed
 * instance, a descheduled thread); the caller then waits only for lanes a helper actually claimed. Helpers spin for
 * {@value #HELPER_SPIN_MICROS} µs after their last lane (back-to-back batches find them awake), then park.
 *
 * <p>Threading: any number of threads call {@link #run(Job)} concurrently; {@link #close()} from any thread stops the
 * helpers (jobs offered later run wholly on their callers).
 */
final class CopyLanes implements AutoCloseable {
    /** Largest number of lanes. */
    static final int MAX_LANES = 8;
    /** Default number of lanes: two where the machine has two cores. */
    static final int DEFAULT_LANES = Math.min(2, Runtime.getRuntime().availableProcessors());
    /**
     * Default smallest batch (total bytes) that is split into lanes: 1 MiB. On the 2-vCPU test machine, once the
     * per-op overhead of the TRANS path was cut, batches of 32 × 64 KiB (2 MiB) ran 1.2–1.5× faster in two lanes
     * (32 distinct blocks: 34–41 against 28–31 GB/s); 32 × 32 KiB (1 MiB) was as fast or faster; 32 × 16 KiB
     * (512 KiB) was slower when every op targets the same block, so batches below 1 MiB stay on one lane.
     */
    static final long DEFAULT_PARALLEL_MIN_BYTES = 1L << 20;
    /** How long a helper stays awake after its last lane. */
    static final long HELPER_SPIN_MICROS = 50;

    private static final long HELPER_SPIN_NS = TimeUnit.MICROSECONDS.toNanos(HELPER_SPIN_MICROS);
    private static final int CALLER_SPINS = 2_000;

    /**
     * One copy cut into lanes. A subclass says what lane {@code k} of {@code n} copies; the lanes must together copy
     * everything exactly once and may run concurrently. Used once.
     */
    abstract static class Job {
        /** Bit k set: lane k claimed. */
        private final AtomicInteger claimed = new AtomicInteger();
        private final AtomicInteger doneLanes = new AtomicInteger();
        private volatile int lanes = 1;
        private volatile Thread waiter;
        private volatile Throwable failure;
        private volatile int helperLanes;

        /**
         * Copies lane {@code lane} of {@code lanes}.
         *
         * @param lane 0..lanes-1
         * @param lanes the number of lanes the job was cut into
         */
        abstract void copyLane(int lane, int lanes);

        /** Lanes that helper threads ran (the rest ran on the caller). */
        final int helperLanes() {
            return helperLanes;
        }

        /**
         * Claims and runs lanes until none is left, the preferred lane first: the same thread then copies the same
         * stripes batch after batch, so a block that is copied again stays in that core's cache.
         *
         * @return how many lanes this thread ran
         */
        private int work(final int preferred) {
            int ran = 0;
            int lane;
            final int n = lanes;
            while ((lane = claim(preferred, n)) >= 0) {
                try {
                    copyLane(lane, n);
                } catch (final Throwable t) { // NOPMD - rethrown on the caller, whatever the lane hit
                    if (failure == null) {
                        failure = t;
                    }
                }
                ran++;
                if (doneLanes.incrementAndGet() == n) {
                    final Thread w = waiter;
                    if (w != null && w != Thread.currentThread()) {
                        LockSupport.unpark(w);
                    }
                }
            }
            return ran;
        }

        /** Claims the preferred lane if free, else the lowest free one; -1 when all are claimed. */
        private int claim(final int preferred, final int n) {
            final int all = (1 << n) - 1;
            while (true) {
                final int current = claimed.get();
                if (current == all) {
                    return -1;
                }
                final int lane = preferred < n && (current & (1 << preferred)) == 0 ? preferred
                    : Integer.numberOfTrailingZeros(~current);
                if (claimed.compareAndSet(current, current | (1 << lane))) {
                    return lane;
                }
            }
        }
    }

    private final int lanes;
    private final long parallelMinBytes;
    private final Thread[] helpers;
    private final ConcurrentLinkedQueue<Job> offered = new ConcurrentLinkedQueue<>();
    private final AtomicLong splitJobs = new AtomicLong();
    private final AtomicLong helperLaneCount = new AtomicLong();
    private volatile boolean open = true;

    /**
     * Starts {@code lanes - 1} helper threads.
     *
     * @param name prefix of the helper thread names
     * @param lanes 1..{@value #MAX_LANES}; 1 copies on the caller only
     * @param parallelMinBytes smallest total that is split, at least 1
     */
    CopyLanes(final String name, final int lanes, final long parallelMinBytes) {
        Validate.inRange("copyLanes", lanes, 1, MAX_LANES);
        Validate.positive("parallelMinBytes", parallelMinBytes);
        this.lanes = lanes;
        this.parallelMinBytes = parallelMinBytes;
        this.helpers = new Thread[lanes - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(new Helper(i + 1), name + "-lane-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    int lanes() {
        return lanes;
    }

    long parallelMinBytes() {
        return parallelMinBytes;
    }

    /** Whether a copy of this many bytes in total is split into lanes. */
    boolean splits(final long totalBytes) {
        return lanes > 1 && totalBytes >= parallelMinBytes;
    }

    /** Jobs split into lanes so far. */
    long splitJobs() {
        return splitJobs.get();
    }

    /** Lanes run by helper threads so far. */
    long helperLanes() {
        return helperLaneCount.get();
    }

    /**
     * Runs a job in {@link #lanes()} lanes, the calling thread taking part, and returns when every lane is done.
     *
     * @throws RuntimeException the first failure of any lane (an {@link Error} is rethrown as it is)
     */
    void run(final Job job) {
        job.lanes = lanes;
        job.waiter = Thread.currentThread();
        splitJobs.incrementAndGet();
        if (open) {
            for (int i = 0; i < helpers.length; i++) {
                offered.offer(job);
            }
            for (final Thread h : helpers) {
                LockSupport.unpark(h);
            }
        }
        final int mine = job.work(0);
        final int byHelpers = lanes - mine;
        int spins = 0;
        while (job.doneLanes.get() < lanes) {
            if (spins < CALLER_SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        job.helperLanes = byHelpers;
        helperLaneCount.addAndGet(byHelpers);
        final Throwable failure = job.failure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("copy lane failed: " + failure, failure);
        }
    }

    /** Stops the helpers; they finish the lanes they claimed. Idempotent. */
    @Override
    public void close() {
        open = false;
        for (final Thread h : helpers) {
            LockSupport.unpark(h);
        }
        offered.clear();
    }

    @Override
    public String toString() {
        return "copyLanes=" + lanes + ", parallelMinBytes=" + parallelMinBytes;
    }

    /** A helper's loop: take offered jobs, claim their lanes, stay awake briefly, park. */
    private final class Helper implements Runnable {
        private final int preferredLane;

        Helper(final int preferredLane) {
            this.preferredLane = preferredLane;
        }

        @Override
        public void run() {
            long idleSinceNs = System.nanoTime();
            while (open) {
                final Job job = offered.poll();
                if (job != null) {
                    job.work(preferredLane);
                    idleSinceNs = System.nanoTime();
                } else if (System.nanoTime() - idleSinceNs < HELPER_SPIN_NS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    idleSinceNs = System.nanoTime();
                }
            }
        }
    }
}
