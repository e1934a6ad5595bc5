package org.memfabric.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.RepeatCallException;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.shm.ShmTransport;

/**
 * Three SHM ranks in this JVM over the shared-memory transport: data lands in exactly the addressed rank's slot
 * (checked by checksum and through views), and the control operations (barrier, allgather, subgroups, extra
 * context, exit, atomic values) behave the same on every rank.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessShmTest {
    private static final int RANKS = 3;
    private ShmTransport transport;
    private ShmCluster cluster;

    @BeforeAll
    void start() throws Exception {
        transport = new ShmTransport();
        cluster = new ShmCluster(RANKS, transport).createAll(7, EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA));
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
        transport.close();
    }

    private ShareMemory shm(final int rank) {
        return cluster.shm(rank);
    }

    @Test
    void shouldDescribeTheSymmetricWindowAlikeOnEveryRank() {
        for (int r = 0; r < RANKS; r++) {
            assertEquals(r, shm(r).localRank());
            assertEquals(RANKS, shm(r).rankSize());
            assertEquals(ShmCluster.SLOT_BYTES, shm(r).symmetricSize());
            assertEquals(shm(0).gva(), shm(r).gva());
            assertEquals(7, shm(r).id());
        }
    }

    @Test
    void shouldPutIntoEveryRankAndGetTheSameChecksumBackFromAnotherRank() throws Exception {
        final int size = 64 * 1024;
        cluster.parallel(r -> {
            for (int target = 0; target < RANKS; target++) {
                // each writer owns one region of every slot; heap and direct buffers alike
                shm(r).put(target, 65536L + (long) r * size, Patterns.filled(size, r * 10 + target, target % 2 == 0));
            }
            shm(r).barrier();
            return null;
        });
        for (int reader = 0; reader < RANKS; reader++) {
            for (int target = 0; target < RANKS; target++) {
                for (int writer = 0; writer < RANKS; writer++) {
                    final ByteBuffer back = writer % 2 == 0 ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
                    shm(reader).get(target, 65536L + (long) writer * size, back);
                    assertEquals(0, back.position(), "get must not move the buffer's position");
                    assertEquals(Patterns.crc(Patterns.filled(size, writer * 10 + target, true)), Patterns.crc(back),
                        "reader=" + reader + ", target=" + target + ", writer=" + writer);
                }
            }
        }
    }

    @Test
    void shouldWriteTheLastByteOfASlotAndNotTheNextRanksFirst() {
        final long last = ShmCluster.SLOT_BYTES - 1;
        shm(0).put(1, 0, ByteBuffer.wrap(new byte[] {5}));
        shm(0).put(0, last, ByteBuffer.wrap(new byte[] {9}));
        final ByteBuffer b = ByteBuffer.allocate(1);
        shm(2).get(1, 0, b);
        assertEquals(5, b.get(0));
        shm(2).get(0, last, b);
        assertEquals(9, b.get(0));
    }

    @Test
    void shouldSeeAPeersPutThroughTheViewOfItsSlotAndViceVersa() {
        final ByteBuffer viewOfRank1 = shm(0).view(1);
        assertEquals(ShmCluster.SLOT_BYTES, viewOfRank1.capacity());
        shm(2).put(1, 1000, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertEquals(0x01020304, viewOfRank1.getInt(1000));
        viewOfRank1.putLong(2000, 0x1122334455667788L);
        final ByteBuffer back = ByteBuffer.allocate(8);
        shm(1).get(1, 2000, back);
        assertEquals(0x1122334455667788L, back.getLong(0));
        shm(1).view(1).put(3000, (byte) 42);
        assertEquals(42, shm(2).view(1).get(3000));
    }

    @Test
    void shouldGatherEveryRanksBytesInRankOrderAfterABarrier() throws Exception {
        final List<Object> results = cluster.parallel(r -> {
            shm(r).barrier();
            return shm(r).allGather(new byte[] {(byte) r, (byte) (r + 100)});
        });
        for (final Object o : results) {
            assertArrayEquals(new byte[] {0, 100, 1, 101, 2, 102}, (byte[]) o);
        }
    }

    @Test
    void shouldRunSubgroupBarrierAndAllGatherAmongTheirMembersOnly() throws Exception {
        final List<Object> results = cluster.parallel(r -> {
            if (r == 0) {
                return shm(r).subgroupAllGather("ALONE", 1, 0, new byte[] {9});
            }
            shm(r).subgroupBarrier("PAIR", 2, r - 1);
            return shm(r).subgroupAllGather("PAIR", 2, r - 1, new byte[] {(byte) (r * 3)});
        });
        assertArrayEquals(new byte[] {9}, (byte[]) results.get(0));
        assertArrayEquals(new byte[] {3, 6}, (byte[]) results.get(1));
        assertArrayEquals(new byte[] {3, 6}, (byte[]) results.get(2));
    }

    @Test
    void shouldLetEveryRankReadEachRanksExtraContext() throws Exception {
        cluster.parallel(r -> {
            final byte[] ctx = new byte[r == 2 ? ShareMemory.EXTRA_CONTEXT_MAX : 10 + r];
            ctx[0] = (byte) r;
            ctx[ctx.length - 1] = (byte) (r + 50);
            shm(r).setExtraContext(ctx);
            shm(r).barrier();
            return null;
        });
        for (int reader = 0; reader < RANKS; reader++) {
            for (int owner = 0; owner < RANKS; owner++) {
                final byte[] ctx = shm(reader).extraContext(owner).orElseThrow();
                assertEquals(owner == 2 ? ShareMemory.EXTRA_CONTEXT_MAX : 10 + owner, ctx.length);
                assertEquals(owner, ctx[0]);
                assertEquals(owner + 50, ctx[ctx.length - 1]);
            }
        }
    }

    @Test
    void shouldHandOutDistinctAtomicValuesAcrossRanksAndReuseReleasedOnes() throws Exception {
        final List<Object> got = cluster.parallel(r -> {
            final List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                mine.add(shm(r).atomicAllocValue(64));
            }
            return mine;
        });
        final Set<Integer> all = new HashSet<>();
        for (final Object o : got) {
            for (final Object v : (List<?>) o) {
                assertTrue(all.add((Integer) v), "value handed out twice: " + v + " in " + got);
            }
        }
        final Set<Integer> lowest = new HashSet<>();
        for (int v = 0; v < 12; v++) {
            lowest.add(v);
        }
        assertEquals(lowest, all, "the lowest free values are taken");
        final int released = (Integer) ((List<?>) got.get(1)).get(0);
        shm(1).atomicReleaseValue(released);
        assertEquals(released, shm(2).atomicAllocValue(64), "a released value is the lowest free one again");
        assertEquals(12, shm(0).atomicAllocValue(64));
        shm(0).atomicReleaseValue(12);
        shm(2).atomicReleaseValue(released);
        cluster.parallel(r -> {
            for (final Object v : (List<?>) got.get(r)) {
                if (!(r == 1 && v.equals(released))) {
                    shm(r).atomicReleaseValue((Integer) v);
                }
            }
            return null;
        });
        assertEquals(0, shm(1).atomicAllocValue(1), "everything released");
        shm(1).atomicReleaseValue(0);
    }

    @Test
    void shouldReachSameHostRanksByMteAndSdma() {
        for (int r = 0; r < RANKS; r++) {
            for (int peer = 0; peer < RANKS; peer++) {
                assertEquals(EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA), shm(r).topologyCanReach(peer),
                    "rank=" + r + ", peer=" + peer);
            }
        }
        assertEquals(EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA), shm(0).querySupportDataOperation());
        assertEquals(EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA),
            cluster.services.get(0).querySupportDataOperation());
    }

    @Test
    void shouldRunEveryRanksExitHandlerOnceWhenOneRankCallsGlobalExit() throws Exception {
        try (ShmCluster c = new ShmCluster(RANKS, transport)) {
            c.createAll(8, EnumSet.of(ShmDataOpType.MTE));
            final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
            final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            final CountDownLatch all = new CountDownLatch(RANKS);
            for (int r = 0; r < RANKS; r++) {
                final int rank = r;
                calls.put(r, new AtomicInteger());
                c.shm(r).registerExit(status -> {
                    calls.get(rank).incrementAndGet();
                    statuses.put(rank, status * 100 + c.shm(rank).localRank()); // handlers may call the object
                    all.countDown();
                });
            }
            final RepeatCallException again = assertThrows(
                RepeatCallException.class, () -> c.shm(1).registerExit(status -> { }));
            assertTrue(again.getMessage().contains("rank=1"), again.getMessage());
            c.shm(1).globalExit(3);
            c.shm(2).globalExit(4); // a second request must not run any handler again
            assertTrue(all.await(20, TimeUnit.SECONDS), "handlers run: " + calls);
            c.parallel(r -> {
                c.shm(r).barrier(); // no handler runs twice, even after a barrier's worth of store traffic
                return null;
            });
            for (int r = 0; r < RANKS; r++) {
                assertEquals(1, calls.get(r).get(), "rank " + r + " handler calls");
                assertEquals(300 + r, statuses.get(r), "rank " + r + " status and own rank");
            }
        }
    }

    @Test
    void shouldDestroyAndRecreateTheSameIdWithFreshState() throws Exception {
        try (ShmCluster c = new ShmCluster(RANKS, transport)) {
            for (int round = 0; round < 2; round++) {
                c.createAll(10, EnumSet.of(ShmDataOpType.SDMA));
                final int seed = round;
                final List<Object> seen = c.parallel(r -> {
                    final ShareMemory s = c.shm(r);
                    final boolean noContext = s.extraContext((r + 1) % RANKS).isEmpty();
                    final ByteBuffer first = ByteBuffer.allocate(1);
                    s.get(r, 0, first);
                    s.barrier();
                    s.setExtraContext(new byte[] {1});
                    s.put((r + 1) % RANKS, 0, ByteBuffer.wrap(new byte[] {(byte) (seed + 7)}));
                    final byte[] gathered = s.allGather(new byte[] {(byte) (r + seed)});
                    s.destroy(0);
                    s.close();
                    return List.of(noContext, first.get(0) == 0, gathered[RANKS - 1] == RANKS - 1 + seed);
                });
                for (final Object checks : seen) {
                    assertEquals(List.of(true, true, true), checks,
                        "round " + round + ": [no stale context, fresh slot, allgather]: " + seen);
                }
                final InvalidArgumentException e = assertThrows(
                    InvalidArgumentException.class, () -> c.shm(0).gva());
                assertTrue(e.getMessage().contains("destroyed") && e.getMessage().contains("id=10"), e.getMessage());
            }
        }
    }
}
