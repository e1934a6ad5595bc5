package org.memfabric.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CopyLanesTest {
    /** Records which lanes ran, how often, and on which threads. */
    private static class CountingJob extends CopyLanes.Job {
        final AtomicIntegerArray runs;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        volatile int lanesSeen;

        CountingJob(final int lanes) {
            this.runs = new AtomicIntegerArray(lanes);
        }

        @Override
        void copyLane(final int lane, final int lanes) {
            lanesSeen = lanes;
            runs.incrementAndGet(lane);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void shouldRunEveryLaneOnceOnDistinctThreadsWhenTheLanesNeedEachOther() throws Exception {
        try (CopyLanes lanes = new CopyLanes("test", 3, 1)) {
            final CountDownLatch allStarted = new CountDownLatch(3);
            final CountingJob job = new CountingJob(3) {
                @Override
                void copyLane(final int lane, final int n) {
                    super.copyLane(lane, n);
                    allStarted.countDown();
                    try {
                        // Only completes when three threads run lanes at the same time: the helpers must take part.
                        assertTrue(allStarted.await(20, TimeUnit.SECONDS), "lanes did not run concurrently");
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            };

            lanes.run(job);

            assertEquals(3, job.lanesSeen);
            for (int i = 0; i < 3; i++) {
                assertEquals(1, job.runs.get(i), "lane " + i);
            }
            assertEquals(3, job.threads.size());
            assertEquals(2, job.helperLanes());
            assertEquals(2, lanes.helperLanes());
            assertEquals(1, lanes.splitJobs());
        }
    }

    @Test
    void shouldRunEveryLaneExactlyOnceUnderConcurrentCallers() throws Exception {
        final int callers = 4;
        final int jobsPerCaller = 2_000;
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (CopyLanes lanes = new CopyLanes("test", 3, 1)) {
            final List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < jobsPerCaller; j++) {
                        final CountingJob job = new CountingJob(3);
                        lanes.run(job);
                        for (int i = 0; i < 3; i++) {
                            assertEquals(1, job.runs.get(i), "lane " + i + " of job " + j);
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
            assertEquals((long) callers * jobsPerCaller, lanes.splitJobs());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRethrowTheFailureOfAnyLaneAfterTheOthersFinished() {
        try (CopyLanes lanes = new CopyLanes("test", 2, 1)) {
            final IllegalStateException boom = new IllegalStateException("lane 1 failed");
            final CountingJob job = new CountingJob(2) {
                @Override
                void copyLane(final int lane, final int n) {
                    super.copyLane(lane, n);
                    if (lane == 1) {
                        throw boom;
                    }
                }
            };

            assertSame(boom, assertThrows(IllegalStateException.class, () -> lanes.run(job)));
            assertEquals(1, job.runs.get(0));
            assertEquals(1, job.runs.get(1));
        }
    }

    @Test
    void shouldRunEveryLaneOnTheCallerOnceClosed() {
        final CopyLanes lanes = new CopyLanes("test", 4, 1);
        lanes.close();
        final CountingJob job = new CountingJob(4);

        lanes.run(job);

        assertEquals(Set.of(Thread.currentThread()), job.threads);
        assertEquals(0, job.helperLanes());
        for (int i = 0; i < 4; i++) {
            assertEquals(1, job.runs.get(i));
        }
    }

    @Test
    void shouldSplitOnlyFromTheThresholdAndOnlyWithSeveralLanes() {
        try (CopyLanes two = new CopyLanes("test", 2, 1024); CopyLanes one = new CopyLanes("test", 1, 1)) {
            assertFalse(two.splits(1023));
            assertTrue(two.splits(1024));
            assertFalse(one.splits(Long.MAX_VALUE));
        }
        assertEquals("copyLanes must be 1..8: copyLanes=9",
            assertThrows(InvalidArgumentException.class, () -> new CopyLanes("test", 9, 1)).getMessage());
        assertThrows(InvalidArgumentException.class, () -> new CopyLanes("test", 2, 0));
    }
}
