package org.memfabric.configstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.ResourceInUseException;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.roles.StoreRoles;
import org.memfabric.configstore.roles.StoreSession;

/** Who runs the server: rank 0, the winner of the auto-ranking bind race, or nobody (client only). */
class StoreRolesTest {
    private final ConfigStoreServiceImpl service = new ConfigStoreServiceImpl();

    @AfterEach
    void stop() {
        service.close();
    }

    private static StoreUrl freeUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return StoreUrl.parse("tcp://127.0.0.1:" + s.getLocalPort());
        }
    }

    @Test
    void autoRankingRanksRaceForTheServerAndGetDistinctRanks() throws Exception {
        final StoreUrl url = freeUrl();
        final int n = 4;
        final ExecutorService pool = Executors.newFixedThreadPool(n);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<StoreSession>> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sessions.add(pool.submit(() -> {
                    go.await();
                    return StoreRoles.open(service, url, true, StoreFixture.quick().worldSize(n).autoRanking(true),
                        new StoreServerOptions().worldSize(n));
                }));
            }
            go.countDown();
            final Set<Integer> ranks = new TreeSet<>();
            int servers = 0;
            for (final Future<StoreSession> f : sessions) {
                final StoreSession s = f.get(30, TimeUnit.SECONDS);
                ranks.add(s.rank());
                servers += s.server().isPresent() ? 1 : 0;
            }
            assertEquals(Set.of(0, 1, 2, 3), ranks);
            assertEquals(1, servers, "exactly one rank wins the bind race");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withExplicitRanksOnlyRankZeroStartsTheServer() throws Exception {
        final StoreUrl url = freeUrl();
        final StoreSession zero = StoreRoles.open(service, url, true, StoreFixture.quick().rank(0).worldSize(2),
            new StoreServerOptions());
        final StoreSession one = StoreRoles.open(service, url, true, StoreFixture.quick().rank(1).worldSize(2),
            new StoreServerOptions());
        assertTrue(zero.server().isPresent());
        assertTrue(one.server().isEmpty());
        assertEquals(1, one.rank());
        final ResourceInUseException taken = assertThrows(ResourceInUseException.class, () -> StoreRoles.open(service,
            url, true, StoreFixture.quick().rank(0).worldSize(2), new StoreServerOptions()));
        assertEquals(ErrorCode.SM_RESOURCE_IN_USE, taken.errorCode());
        one.close();
        zero.close();
    }

    @Test
    void clientOnlyRanksNeedARunningServer() throws Exception {
        final StoreUrl url = freeUrl();
        final StoreException e = assertThrows(StoreException.class, () -> StoreRoles.open(service, url, false,
            StoreFixture.quick().rank(0).connectTimeout(java.time.Duration.ofMillis(300)), new StoreServerOptions()));
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
    }

    @Test
    void closeAfterOthersKeepsTheStoreUpUntilTheOtherRankHasFinished() throws Exception {
        final StoreUrl url = freeUrl();
        final StoreSession host = StoreRoles.open(service, url, true, StoreFixture.quick().rank(0).worldSize(2),
            new StoreServerOptions());
        final StoreSession other = StoreRoles.open(service, url, true, StoreFixture.quick().rank(1).worldSize(2),
            new StoreServerOptions());
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            final CountDownLatch hostClosing = new CountDownLatch(1);
            final Future<Long> lastWrite = pool.submit(() -> {
                hostClosing.await();
                Thread.sleep(200);
                final long v = other.client().add("still-served", 1);
                other.close();
                return v;
            });
            hostClosing.countDown();
            host.closeAfterOthers(Duration.ofSeconds(20));
            assertEquals(1L, lastWrite.get(30, TimeUnit.SECONDS), "the other rank's last call was served");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeAfterOthersStopsTheStoreAfterTheLingerWhenAnotherRankStaysConnected() throws Exception {
        final StoreUrl url = freeUrl();
        final StoreSession host = StoreRoles.open(service, url, true, StoreFixture.quick().rank(0).worldSize(2),
            new StoreServerOptions());
        final StoreSession other = StoreRoles.open(service, url, true, StoreFixture.quick().rank(1).worldSize(2),
            new StoreServerOptions());
        try {
            host.closeAfterOthers(Duration.ofMillis(100));
            assertTrue(host.server().isPresent());
            assertThrows(StoreException.class, () -> other.client().add("after-stop", 1));
        } finally {
            other.close();
        }
    }
}
