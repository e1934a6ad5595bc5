package org.memfabric.configstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.ResourceInUseException;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.LastRankPolicy;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.LinkSecurity;

/** Ranks, rank-down pushes, auto-ranking, heartbeats, reconnects, policies and deadlines. */
class RanksAndLinksTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void rankDownIsPushedWhenARankedClientDisconnects() throws Exception {
        fixture.start();
        final StoreClient watcher = fixture.client();
        final BlockingQueue<Integer> downs = new LinkedBlockingQueue<>();
        watcher.watchRankDown(downs::add);
        final StoreClient r3 = fixture.client(StoreFixture.quick().rank(3).worldSize(4));
        final StoreClient unranked = fixture.client();
        awaitTrue(() -> fixture.server().aliveRanks().equals(List.of(3)));
        unranked.close();
        r3.close();
        assertEquals(3, downs.poll(5, TimeUnit.SECONDS));
        assertEquals(null, downs.poll(200, TimeUnit.MILLISECONDS), "unranked links do not notify");
    }

    @Test
    void autoRankingHandsOutDistinctRanksWithinTheWorldSize() {
        fixture.start(new StoreServerOptions().worldSize(3));
        final Set<Integer> ranks = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            ranks.add(fixture.client(StoreFixture.quick().worldSize(3).autoRanking(true)).rank());
        }
        assertEquals(Set.of(0, 1, 2), ranks);
        final StoreException full = assertThrows(StoreException.class,
            () -> fixture.client(StoreFixture.quick().worldSize(3).autoRanking(true)));
        assertTrue(full.getMessage().contains("rank size bigger than world size"), full.getMessage());
    }

    @Test
    void aSilentLinkThatHeartbeatedIsClosedAndReportedDown() throws Exception {
        fixture.start(new StoreServerOptions().heartbeatTimeout(Duration.ofMillis(400)));
        final BlockingQueue<Integer> downs = new LinkedBlockingQueue<>();
        fixture.client().watchRankDown(downs::add);
        final StoreClient beating = fixture.client(StoreFixture.quick().rank(5).worldSize(8));
        Thread.sleep(1000);
        assertEquals(null, downs.poll(), "a heartbeating link stays up");
        // a raw link that heartbeats once (rank 6) and then falls silent without closing its socket
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), fixture.server().url().port())) {
            raw.getOutputStream().write(org.memfabric.configstore.wire.Handshake.of(8, 6).encode());
            assertEquals(0, raw.getInputStream().read() | raw.getInputStream().read());
            raw.getOutputStream().write(org.memfabric.configstore.wire.Frame.encode((short) 0, (short) 0, 0,
                new org.memfabric.configstore.wire.StoreMessage(org.memfabric.configstore.wire.MessageType.HEARTBEAT,
                    -1, List.of(), List.of()).encode()));
            assertEquals(6, downs.poll(5, TimeUnit.SECONDS));
            assertEquals(-1, raw.getInputStream().read(), "the server closed the silent link");
        }
        assertTrue(fixture.server().counters().get("heartbeatLosses") >= 1);
        assertTrue(beating.isConnected());
    }

    @Test
    void aClientReconnectsWithItsRankAndKeepsItsWatches() throws Exception {
        final StoreServer first = StoreServer.start(StoreFixture.loopback(0), new StoreServerOptions(),
            LinkSecurity.PLAINTEXT);
        final int port = first.url().port();
        final StoreClient client = fixture.track(StoreClient.connect(first.url(),
            StoreFixture.quick().rank(7).worldSize(8).reconnectTimeout(Duration.ofSeconds(10)), LinkSecurity.PLAINTEXT));
        final CompletableFuture<String> watched = new CompletableFuture<>();
        client.watch("after-restart", (r, k, v) -> watched.complete(new String(v, UTF_8)));
        final CompletableFuture<Void> reconnected = new CompletableFuture<>();
        client.onReconnect(() -> reconnected.complete(null));
        final CompletableFuture<byte[]> blocked =
            CompletableFuture.supplyAsync(() -> client.get("never", ConfigStore.WAIT_FOREVER));
        Thread.sleep(100);
        first.close();
        final Exception broken = assertThrows(Exception.class, () -> blocked.get(5, TimeUnit.SECONDS));
        assertTrue(broken.getCause() instanceof StoreException
            && ((StoreException) broken.getCause()).errorCode() == ErrorCode.STORE_IO_ERROR, broken.toString());
        final StoreServer second = fixture.track(StoreFixture.restartOn(port));
        reconnected.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(7), second.aliveRanks());
        client.set("after-restart", "yes".getBytes(UTF_8));
        assertEquals("yes", watched.get(5, TimeUnit.SECONDS));
        assertEquals(1L, client.counters().snapshot().get("reconnects"));
    }

    @Test
    void aClientGivesUpAfterItsReconnectTimeoutAndCallsFailFast() throws Exception {
        final StoreServer server = StoreServer.start(StoreFixture.loopback(0), new StoreServerOptions(),
            LinkSecurity.PLAINTEXT);
        final StoreClient client = fixture.track(StoreClient.connect(server.url(),
            StoreFixture.quick().reconnectTimeout(Duration.ofMillis(300)), LinkSecurity.PLAINTEXT));
        final CompletableFuture<Integer> watchEnd = new CompletableFuture<>();
        client.watch("k", (r, k, v) -> watchEnd.complete(r));
        server.close();
        assertEquals(ErrorCode.STORE_IO_ERROR.code(), watchEnd.get(5, TimeUnit.SECONDS));
        final StoreException e = assertThrows(StoreException.class, () -> client.set("k", new byte[1]));
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertTrue(e.getMessage().contains("store reconnect failed"), e.getMessage());
    }

    @Test
    void lastRankPolicyKeepsOrWipesAndNeverSilently() throws Exception {
        for (final LastRankPolicy policy : LastRankPolicy.values()) {
            try (StoreFixture f = new StoreFixture()) {
                f.start(new StoreServerOptions().lastRankPolicy(policy));
                final StoreClient ranked = f.client(StoreFixture.quick().rank(0).worldSize(1));
                ranked.set("data", "x".getBytes(UTF_8));
                ranked.close();
                awaitTrue(() -> f.server().aliveRanks().isEmpty());
                awaitTrue(() -> f.server().keySizes().containsKey("data") == (policy == LastRankPolicy.KEEP));
                assertEquals(policy == LastRankPolicy.WIPE ? 1 : 0, f.server().counters().get("wipes"));
            }
        }
    }

    @Test
    void aSecondServerOnTheSamePortSaysResourceInUse() {
        fixture.start();
        final ResourceInUseException e = assertThrows(ResourceInUseException.class,
            () -> StoreServer.start(fixture.server().url(), new StoreServerOptions(), LinkSecurity.PLAINTEXT));
        assertEquals(ErrorCode.SM_RESOURCE_IN_USE, e.errorCode());
    }

    @Test
    void everyCallHasADeadlineEvenAgainstAServerThatNeverAnswers() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            final Thread acceptor = new Thread(() -> {
                try (Socket s = blackHole.accept()) {
                    final InputStream in = s.getInputStream();
                    in.readNBytes(16);
                    s.getOutputStream().write(new byte[2]);
                    while (in.read() >= 0) {
                        // swallow every request, answer nothing
                    }
                } catch (final Exception ignored) {
                    // test ends
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            final StoreClient client = fixture.track(StoreClient.connect(StoreFixture.loopback(blackHole.getLocalPort()),
                StoreFixture.quick().requestTimeout(Duration.ofMillis(300)), LinkSecurity.PLAINTEXT));
            final long start = System.nanoTime();
            final StoreException e = assertThrows(StoreException.class, () -> client.set("k", new byte[1]));
            assertEquals(ErrorCode.STORE_TIMEOUT, e.errorCode());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
        }
    }

    @Test
    void connectingToNothingFailsAfterTheConnectTimeoutNamingTheUrl() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        final StoreException e = assertThrows(StoreException.class, () -> StoreClient.connect(
            StoreFixture.loopback(port), StoreFixture.quick().connectTimeout(Duration.ofMillis(500)),
            LinkSecurity.PLAINTEXT));
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void theServiceStartsServersAndClientsAndStopsThemAll() {
        final ConfigStoreServiceImpl service = new ConfigStoreServiceImpl();
        final var server = service.startServer(StoreFixture.loopback(0), new StoreServerOptions());
        final ConfigStore client = service.connect(server.url(), StoreFixture.quick());
        client.set("svc", new byte[] {1});
        assertArrayEquals(new byte[] {1}, client.get("svc", Duration.ZERO));
        service.close();
        assertThrows(StoreException.class, () -> client.set("svc", new byte[] {2}));
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(10);
        }
    }
}
