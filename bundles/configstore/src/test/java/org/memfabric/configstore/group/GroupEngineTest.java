package org.memfabric.configstore.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.NotStartedException;
import org.memfabric.api.OperationTimeoutException;
import org.memfabric.api.RepeatCallException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.configstore.StoreFixture;
import org.memfabric.configstore.client.StoreClient;

/** Barrier, allgather, subgroups, exit, the atomic allocator and dynamic membership with real clients. */
class GroupEngineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final StoreFixture fixture = new StoreFixture();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        fixture.start();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        fixture.close();
    }

    private ConfigStore rankStore(final int rank, final String group) {
        return fixture.client(StoreFixture.quick().rank(rank).worldSize(64)).withPrefix(group);
    }

    private <T> List<T> onAll(final int n, final java.util.function.IntFunction<Callable<T>> task) throws Exception {
        final List<Future<T>> futures = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            futures.add(pool.submit(task.apply(r)));
        }
        final List<T> results = new ArrayList<>();
        for (final Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void barrierAndAllGatherAcrossEightRanksKeepTheStoreSmall() throws Exception {
        final int n = 8;
        final List<GroupEngine> engines = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            engines.add(fixture.track(GroupEngine.createStatic(rankStore(r, "SHM_(1)_S_"), r, n, TIMEOUT)));
        }
        final List<byte[]> gathered = onAll(n, r -> () -> {
            final GroupEngine e = engines.get(r);
            byte[] last = null;
            for (int round = 0; round < 20; round++) {
                e.barrier();
                last = e.allGather(ByteBuffer.allocate(8).putInt(r).putInt(round).array());
            }
            return last;
        });
        final ByteBuffer expected = ByteBuffer.allocate(8 * n);
        for (int r = 0; r < n; r++) {
            expected.putInt(r).putInt(19);
        }
        for (final byte[] g : gathered) {
            assertArrayEquals(expected.array(), g);
        }
        final long roundKeys = fixture.server().keySizes().keySet().stream().filter(k -> k.startsWith("SHM_(1)_S_"))
            .count();
        assertTrue(roundKeys <= 4, "old rounds must be cleaned up: keys=" + fixture.server().keySizes().keySet());
    }

    @Test
    void barrierTimesOutNamingTheKeyWhenAMemberIsMissing() {
        final GroupEngine lonely = fixture.track(GroupEngine.createStatic(rankStore(0, "G_"), 0, 2, Duration.ofSeconds(1)));
        final long start = System.nanoTime();
        final OperationTimeoutException e = assertThrows(OperationTimeoutException.class, lonely::barrier);
        assertEquals(ErrorCode.SM_TIMEOUT, e.errorCode());
        assertTrue(e.getMessage().contains("key=G_0_1_BA") && e.getMessage().contains("arrived=1"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void allGatherRejectsBadSizes() {
        final GroupEngine e = fixture.track(GroupEngine.createStatic(rankStore(0, "G_"), 0, 1, TIMEOUT));
        assertThrows(InvalidArgumentException.class, () -> e.allGather(new byte[0]));
        assertThrows(InvalidArgumentException.class, () -> e.allGather(new byte[GroupEngine.MAX_GATHER_BYTES + 1]));
        assertArrayEquals(new byte[] {7}, e.allGather(new byte[] {7}));
        assertThrows(InvalidArgumentException.class, () -> fixture.track(GroupEngine.createStatic(rankStore(0, "X_"), 2, 2, TIMEOUT)));
    }

    @Test
    void subgroupsRunIndependently() throws Exception {
        final int n = 4;
        final List<GroupEngine> engines = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            engines.add(fixture.track(GroupEngine.createStatic(rankStore(r, "S_"), r, n, TIMEOUT)));
        }
        final List<byte[]> results = onAll(n, r -> () -> {
            final String key = r % 2 == 0 ? "even" : "odd";
            final GroupEngine e = engines.get(r);
            e.subgroupBarrier(key, 2, r / 2);
            return e.subgroupAllGather(key, new byte[] {(byte) r}, 2, r / 2);
        });
        assertArrayEquals(new byte[] {0, 2}, results.get(0));
        assertArrayEquals(new byte[] {1, 3}, results.get(1));
        assertArrayEquals(new byte[] {0, 2}, results.get(2));
        assertThrows(InvalidArgumentException.class, () -> engines.get(0).subgroupBarrier("k".repeat(64), 2, 0));
        assertThrows(InvalidArgumentException.class, () -> engines.get(0).subgroupBarrier("k", 5, 0));
    }

    @Test
    void globalExitReachesEveryRegisteredRankOnce() throws Exception {
        final int n = 3;
        final CountDownLatch fired = new CountDownLatch(n);
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        final List<GroupEngine> engines = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            final GroupEngine e = fixture.track(GroupEngine.createStatic(rankStore(r, "E_"), r, n, TIMEOUT));
            e.registerExit(status -> {
                statuses.add(status);
                fired.countDown();
            });
            engines.add(e);
        }
        assertThrows(RepeatCallException.class, () -> engines.get(0).registerExit(s -> { }));
        engines.get(1).globalExit(42);
        assertTrue(fired.await(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertEquals(List.of(42, 42, 42), statuses);
    }

    @Test
    void atomicAllocatorHandsOutUniqueValuesUnderContention() throws Exception {
        final int n = 4;
        final List<GroupEngine> engines = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            engines.add(fixture.track(GroupEngine.createStatic(rankStore(r, "A_"), r, n, TIMEOUT)));
        }
        final Set<Integer> all = ConcurrentHashMap.newKeySet();
        onAll(n, r -> () -> {
            for (int i = 0; i < 10; i++) {
                assertTrue(all.add(engines.get(r).allocateValue(1024)), "duplicate value");
            }
            return null;
        });
        assertEquals(40, all.size());
        assertEquals(new HashSet<>(all), Set.copyOf(all));
        final int v = engines.get(0).allocateValue(1024);
        assertEquals(40, v, "lowest free value");
        assertThrows(InvalidArgumentException.class, () -> engines.get(1).releaseValue(v));
        engines.get(0).releaseValue(v);
        assertEquals(40, engines.get(2).allocateValue(41));
        assertThrows(org.memfabric.api.MemFabricException.class, () -> engines.get(3).allocateValue(41));
        assertThrows(InvalidArgumentException.class, () -> engines.get(3).allocateValue(1025));
    }

    /** Records membership callbacks. */
    private static final class Recorder implements GroupListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onJoin(final GroupEngine engine, final int rank) {
            events.add("J" + rank + "@" + engine.size());
        }

        @Override
        public void onLeave(final GroupEngine engine, final int rank) {
            events.add("L" + rank + "@" + engine.size());
        }

        @Override
        public void onRankDown(final GroupEngine engine, final int rank) {
            events.add("D" + rank + "@" + engine.size());
        }
    }

    @Test
    void dynamicMembersSeeJoinsLeavesAndCrashes() throws Exception {
        final Recorder[] rec = {new Recorder(), new Recorder(), new Recorder()};
        final StoreClient[] clients = new StoreClient[3];
        final GroupEngine[] g = new GroupEngine[3];
        for (int r = 0; r < 3; r++) {
            clients[r] = fixture.client(StoreFixture.quick().rank(r).worldSize(3));
            g[r] = fixture.track(GroupEngine.createDynamic(clients[r].withPrefix("SMEM_BM_(0)_D_"), r, TIMEOUT, rec[r]));
        }
        assertThrows(NotStartedException.class, g[0]::barrier);
        assertThrows(NotStartedException.class, g[0]::leave);
        g[0].join();
        g[0].join();
        assertEquals(Set.of(0), g[0].members());
        g[1].join();
        g[2].join();
        awaitMembers(g[0], Set.of(0, 1, 2));
        awaitMembers(g[1], Set.of(0, 1, 2));
        assertEquals(Set.of(0, 1, 2), g[2].members());
        assertEquals(List.of("J0@1", "J1@2", "J2@3"), rec[0].events);
        assertEquals(List.of("J2@3"), rec[2].events);
        onAll(3, r -> () -> {
            g[r].barrier();
            return g[r].allGather(new byte[] {(byte) (10 + r)});
        }).forEach(b -> assertArrayEquals(new byte[] {10, 11, 12}, b));

        g[1].leave();
        awaitMembers(g[0], Set.of(0, 2));
        awaitMembers(g[2], Set.of(0, 2));
        assertTrue(rec[0].events.contains("L1@2"), rec[0].events.toString());

        clients[2].close();
        awaitMembers(g[0], Set.of(0));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!rec[0].events.contains("D2@1") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(rec[0].events.contains("D2@1"), rec[0].events.toString());
        g[0].barrier();
        assertEquals(Long.toString((5L << 30) | 1), new String(clients[0].get("SMEM_BM_(0)_D_DSIZE", Duration.ZERO)));
    }

    @Test
    void concurrentJoinsAreSerialisedByTheLock() throws Exception {
        final int n = 5;
        final GroupEngine[] g = new GroupEngine[n];
        for (int r = 0; r < n; r++) {
            g[r] = fixture.track(GroupEngine.createDynamic(rankStore(r, "J_"), r, TIMEOUT, new GroupListener() { }));
        }
        onAll(n, r -> () -> {
            g[r].join();
            return null;
        });
        for (int r = 0; r < n; r++) {
            awaitMembers(g[r], Set.of(0, 1, 2, 3, 4));
        }
        onAll(n, r -> () -> {
            g[r].barrier();
            return null;
        });
    }

    private static void awaitMembers(final GroupEngine g, final Set<Integer> expected) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!g.members().equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("members of rank " + g.rank() + ": expected=" + expected + ", actual="
                    + g.members());
            }
            Thread.sleep(10);
        }
    }
}
