package org.memfabric.configstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.Await;
import org.memfabric.configstore.wire.LinkSecurity;

/** The asynchronous key operations: results, pipelining, deadlines, cancellation, the link gap and threading. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncOperationsTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(UTF_8);
    }

    private static <T> T done(final CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** The StoreException a future failed with. */
    private static StoreException failure(final CompletableFuture<?> f) {
        final ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof StoreException, "fails with a StoreException: " + e.getCause());
        return (StoreException) e.getCause();
    }

    @Test
    void shouldGiveEveryAsyncOperationTheResultOfItsSynchronousForm() throws Exception {
        fixture.start();
        final ConfigStore store = fixture.client().withPrefix("async/");

        assertEquals(null, done(store.setAsync("k", bytes("v1"))));
        assertArrayEquals(bytes("v1"), done(store.getAsync("k", Duration.ZERO)));
        assertArrayEquals(bytes("v1"), done(store.tryGetAsync("k")).orElseThrow());
        assertEquals(Optional.empty(), done(store.tryGetAsync("absent")));
        assertEquals(5L, done(store.addAsync("n", 5)));
        assertEquals(3L, done(store.addAsync("n", -2)));
        assertEquals(2L, done(store.appendAsync("log", bytes("ab"))));
        assertEquals(3L, done(store.appendAsync("log", bytes("c"))));
        final CasResult lost = done(store.casAsync("k", bytes("other"), bytes("v2")));
        assertFalse(lost.swapped());
        final CasResult won = done(store.casAsync("k", bytes("v1"), bytes("v2")));
        assertTrue(won.swapped());
        assertEquals(null, done(store.writeAsync("w", 2, bytes("xy"))));
        assertArrayEquals(new byte[] {0, 0, 'x', 'y'}, store.get("w", Duration.ZERO));
        assertTrue(done(store.removeAsync("k")));
        assertFalse(done(store.removeAsync("k")));
        assertArrayEquals(bytes("abc"), fixture.client().get("async/log", Duration.ZERO), "the prefix is applied");
    }

    @Test
    void shouldFailAnAsyncCallWithTheServersCodeLikeTheSynchronousForm() {
        fixture.start();
        final StoreClient client = fixture.client();
        client.set("text", bytes("not a number"));

        final StoreException notExist = failure(client.getAsync("absent", Duration.ZERO));
        final StoreException notNumber = failure(client.addAsync("text", 1));

        assertEquals(ErrorCode.STORE_NOT_EXIST, notExist.errorCode());
        assertEquals("absent", notExist.key());
        assertEquals(ErrorCode.STORE_INVALID_MESSAGE, notNumber.errorCode());
        assertTrue(notNumber.getMessage().contains("store add failed: key=text"), notNumber.getMessage());
    }

    @Test
    void shouldPipelineManyOutstandingAsyncCallsOnOneConnection() throws Exception {
        fixture.start();
        final StoreClient client = fixture.client();
        final List<CompletableFuture<Long>> appends = new ArrayList<>();

        for (int i = 0; i < 2000; i++) {
            appends.add(client.appendAsync("seq", new byte[] {(byte) (i % 128)}));
        }

        for (int i = 0; i < appends.size(); i++) {
            assertEquals(i + 1L, done(appends.get(i)), "calls of one thread are applied in order");
        }
        final byte[] log = client.get("seq", Duration.ZERO);
        for (int i = 0; i < log.length; i++) {
            assertEquals((byte) (i % 128), log[i]);
        }
        assertEquals(1, fixture.server().linkCount(), "one connection carried them all");
    }

    @Test
    void shouldRejectBadArgumentsAtOnceAndSendNothing() {
        fixture.start();
        final StoreClient client = fixture.client();
        final long requests = client.counters().snapshot().get("requests");

        final InvalidArgumentException nullKey =
            assertThrows(InvalidArgumentException.class, () -> client.getAsync(null, Duration.ZERO));
        final InvalidArgumentException nullValue =
            assertThrows(InvalidArgumentException.class, () -> client.setAsync("k", null));
        final InvalidArgumentException nullTimeout =
            assertThrows(InvalidArgumentException.class, () -> client.getAsync("k", null));
        final InvalidArgumentException negativeOffset =
            assertThrows(InvalidArgumentException.class, () -> client.writeAsync("k", -1, new byte[1]));

        assertEquals("store key must not be null: key=null", nullKey.getMessage());
        assertEquals(ErrorCode.STORE_INVALID_KEY, nullKey.errorCode());
        assertEquals("store value must not be null: value=null", nullValue.getMessage());
        assertEquals("store get timeout must not be null: timeout=null", nullTimeout.getMessage());
        assertEquals("store write offset must not be negative: offset=-1", negativeOffset.getMessage());
        assertEquals(requests, client.counters().snapshot().get("requests"), "nothing was sent");
    }

    @Test
    void shouldFailAnAsyncGetWithStoreTimeoutWhenTheKeyNeverAppears() {
        fixture.start();
        final StoreClient client = fixture.client();

        final StoreException e = failure(client.getAsync("never", Duration.ofMillis(200)));

        assertEquals(ErrorCode.STORE_TIMEOUT, e.errorCode());
        assertEquals(0, fixture.server().parkedGets());
    }

    @Test
    void shouldFailAnAsyncCallAtItsDeadlineWhenTheServerNeverAnswers() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            answerHandshakeThenSwallow(blackHole);
            final StoreClient client = fixture.track(StoreClient.connect(StoreFixture.loopback(blackHole.getLocalPort()),
                StoreFixture.quick().requestTimeout(Duration.ofMillis(300)), LinkSecurity.PLAINTEXT));
            final long startNs = System.nanoTime();

            final StoreException e = failure(client.setAsync("k", new byte[1]));

            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertEquals(ErrorCode.STORE_TIMEOUT, e.errorCode());
            assertTrue(e.getMessage().startsWith("store request timed out: op=set, key=k, url="), e.getMessage());
            assertTrue(tookMs >= 250 && tookMs < 5000, "failed at its deadline: tookMs=" + tookMs);
            assertEquals(1L, client.counters().snapshot().get("timeouts"));
        }
    }

    private static void answerHandshakeThenSwallow(final ServerSocket server) {
        final Thread acceptor = new Thread(() -> {
            try (Socket s = server.accept()) {
                final InputStream in = s.getInputStream();
                in.readNBytes(16);
                s.getOutputStream().write(new byte[2]);
                while (in.read() >= 0) {
                    // swallow every request, answer nothing
                }
            } catch (final Exception ignored) {
                // test ends
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Test
    void shouldRefuseASynchronousCallInsideACompletionStage() {
        fixture.start();
        final StoreClient client = fixture.client();
        // the stage is attached while the GET is parked, so it runs where the reply is read
        final CompletableFuture<byte[]> nested = client.getAsync("k", Duration.ofSeconds(10))
            .thenApply(v -> client.get("k", Duration.ZERO));
        Await.until(() -> fixture.server().parkedGets() == 1, () -> "parked: " + fixture.server().parkedGets());
        client.set("k", bytes("v"));

        final ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof StoreException, e.toString());
        assertEquals(ErrorCode.SM_ERROR, ((StoreException) e.getCause()).errorCode());
        assertTrue(e.getCause().getMessage().startsWith("store synchronous call on a store I/O thread would wait for "
            + "itself (use the *Async methods in completion stages): op=get, key=k, thread=memfabric-store-"),
            e.getCause().getMessage());
    }

    @Test
    void shouldChainAsyncCallsInsideCompletionStages() throws Exception {
        fixture.start();
        final StoreClient client = fixture.client();

        final CompletableFuture<byte[]> chained = client.setAsync("a", bytes("1"))
            .thenCompose(v -> client.addAsync("b", 41))
            .thenCompose(n -> client.setAsync("c", bytes(Long.toString(n + 1))))
            .thenCompose(v -> client.getAsync("c", Duration.ZERO));

        assertArrayEquals(bytes("42"), done(chained));
    }

    @Test
    void shouldCancelTheParkedGetOnTheServerWhenAnAsyncGetIsCancelled() throws Exception {
        fixture.start();
        final StoreClient client = fixture.client();
        final CompletableFuture<byte[]> waiting = client.getAsync("later", ConfigStore.WAIT_FOREVER);
        Await.until(() -> fixture.server().parkedGets() == 1, () -> "parked: " + fixture.server().parkedGets());

        assertTrue(waiting.cancel(true));

        Await.until(() -> fixture.server().parkedGets() == 0, () -> "unparked: " + fixture.server().parkedGets());
        client.set("later", bytes("x"));
        assertArrayEquals(bytes("x"), done(client.getAsync("later", Duration.ZERO)), "the link still works");
    }

    @Test
    void shouldFailOutstandingAsyncCallsWhenTheClientIsClosed() {
        fixture.start();
        final StoreClient client = fixture.client();
        final CompletableFuture<byte[]> waiting = client.getAsync("never", ConfigStore.WAIT_FOREVER);

        client.close();

        final StoreException e = failure(waiting);
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertTrue(e.getMessage().startsWith("store client closed"), e.getMessage());
        final StoreException after = failure(client.setAsync("k", new byte[1]));
        assertTrue(after.getMessage().startsWith("store client closed: op=set, key=k"), after.getMessage());
    }

    @Test
    void shouldQueueAsyncCallsWhileTheLinkIsDownAndSendThemInOrderOnceItIsBack() throws Exception {
        final StoreServer first = StoreServer.start(StoreFixture.loopback(0), new StoreServerOptions(),
            LinkSecurity.PLAINTEXT);
        final int port = first.url().port();
        final StoreClient client = fixture.track(StoreClient.connect(first.url(),
            StoreFixture.quick().reconnectTimeout(Duration.ofSeconds(20)), LinkSecurity.PLAINTEXT));
        first.close();
        Await.until(() -> !client.isConnected(), () -> "the client saw its link break");

        final List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (final String part : List.of("a", "b", "c")) {
            appends.add(client.appendAsync("log", bytes(part)));
        }
        assertFalse(appends.get(0).isDone(), "queued, not failed");
        final StoreServer second = fixture.track(StoreFixture.restartOn(port));

        assertEquals(List.of(1L, 2L, 3L), List.of(done(appends.get(0)), done(appends.get(1)), done(appends.get(2))));
        assertEquals(Integer.valueOf(3), second.keySizes().get("log"));
        assertArrayEquals(bytes("abc"), client.get("log", Duration.ZERO), "sent in the order they were made");
    }

    @Test
    void shouldFailAQueuedCallWhenTheLinkStaysDownPastItsDeadline() {
        final StoreServer server = StoreServer.start(StoreFixture.loopback(0), new StoreServerOptions(),
            LinkSecurity.PLAINTEXT);
        final StoreClient client = fixture.track(StoreClient.connect(server.url(), StoreFixture.quick()
            .requestTimeout(Duration.ofMillis(300)).reconnectTimeout(Duration.ofSeconds(20)), LinkSecurity.PLAINTEXT));
        server.close();
        Await.until(() -> !client.isConnected(), () -> "the client saw its link break");

        final StoreException e = failure(client.setAsync("k", new byte[1]));

        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertTrue(e.getMessage().startsWith("store link down and not re-established in time: op=set, key=k"),
            e.getMessage());
    }

    @Test
    void shouldServeManyPlaintextClientsFromOneSharedIoThread() {
        fixture.start();
        final List<StoreClient> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clients.add(fixture.client());
        }
        for (final StoreClient c : clients) {
            c.set("shared", bytes("x"));
        }

        // threads of clients closed by earlier tests may still be ending
        Await.until(() -> threadsNamed("memfabric-store-client-io") == 1,
            () -> "one client I/O thread for the process: " + threadsNamed("memfabric-store-client-io"));
        Await.until(() -> threadsNamed("memfabric-store-reader") == 0,
            () -> "no reader thread per plaintext client: " + threadsNamed("memfabric-store-reader"));
    }

    private static long threadsNamed(final String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains(part))
            .count();
    }
}
