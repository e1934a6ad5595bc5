package org.memfabric.configstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.configstore.client.StoreClient;

/** Every store operation against a real server over loopback (the original's store test list plus our fixes). */
class StoreOperationsTest {
    private final StoreFixture fixture = new StoreFixture();
    private StoreClient a;
    private StoreClient b;

    @BeforeEach
    void start() {
        fixture.start();
        a = fixture.client();
        b = fixture.client();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void setThenGetFromAnotherClient() {
        a.set("k", bytes("v1"));
        assertArrayEquals(bytes("v1"), b.get("k", Duration.ZERO));
        a.set("k", bytes("v2"));
        assertArrayEquals(bytes("v2"), b.get("k", Duration.ofSeconds(1)));
    }

    @Test
    void emptyLargeAndBinaryValuesRoundTrip() {
        a.set("empty", new byte[0]);
        assertArrayEquals(new byte[0], b.get("empty", Duration.ZERO));
        final byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        a.set("big", big);
        assertArrayEquals(big, b.get("big", Duration.ZERO));
        final byte[] binary = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 0, 10, 13};
        a.set("key with spaces/ünïcode:*?", binary);
        assertArrayEquals(binary, b.get("key with spaces/ünïcode:*?", Duration.ZERO));
    }

    @Test
    void blockedGetIsReleasedByALaterSet() throws Exception {
        final CompletableFuture<byte[]> waiting =
            CompletableFuture.supplyAsync(() -> a.get("later", ConfigStore.WAIT_FOREVER));
        awaitParked(1);
        assertFalse(waiting.isDone());
        b.set("later", bytes("here"));
        assertArrayEquals(bytes("here"), waiting.get(5, TimeUnit.SECONDS));
        assertEquals(0, fixture.server().parkedGets());
    }

    @Test
    void getWithTimeoutFailsWithTimeoutAfterTheDeadlineAndZeroMeansNotExist() {
        final long start = System.nanoTime();
        final StoreException timeout =
            assertThrows(StoreException.class, () -> a.get("missing", Duration.ofMillis(100)));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ErrorCode.STORE_TIMEOUT, timeout.errorCode());
        assertTrue(elapsedMs >= 100, "returned before the deadline: elapsedMs=" + elapsedMs);
        assertTrue(timeout.getMessage().contains("key=missing"), timeout.getMessage());
        assertEquals(timeout.getMessage(), LastError.get());
        final StoreException absent = assertThrows(StoreException.class, () -> a.get("missing", Duration.ZERO));
        assertEquals(ErrorCode.STORE_NOT_EXIST, absent.errorCode());
        assertTrue(a.tryGet("missing").isEmpty());
        assertEquals(0, fixture.server().parkedGets());
    }

    @Test
    void addCountsInDecimalText() {
        assertEquals(1, a.add("n", 1));
        assertEquals(2, b.add("n", 1));
        assertArrayEquals(bytes("2"), a.get("n", Duration.ZERO));
        assertEquals(-5, a.add("m", -5));
        assertEquals(-8, a.add("m", -3));
        assertEquals(0, a.add("z", 0));
        assertEquals(Long.MAX_VALUE / 2, a.add("h", Long.MAX_VALUE / 2));
        a.set("text", bytes("abc"));
        final StoreException notNumber = assertThrows(StoreException.class, () -> a.add("text", 1));
        assertEquals(ErrorCode.STORE_INVALID_MESSAGE, notNumber.errorCode());
        assertArrayEquals(bytes("abc"), a.get("text", Duration.ZERO), "a failed add must not change the value");
        a.set("max", bytes(Long.toString(Long.MAX_VALUE)));
        assertEquals(ErrorCode.STORE_INVALID_MESSAGE, assertThrows(StoreException.class, () -> a.add("max", 1)).errorCode());
    }

    @Test
    void appendReturnsTheNewLength() {
        assertEquals(5, a.append("log", bytes("hello")));
        assertEquals(11, b.append("log", bytes(" world")));
        assertEquals(16, a.append("log", bytes("!!!!!")));
        assertArrayEquals(bytes("hello world!!!!!"), a.get("log", Duration.ZERO));
        assertEquals(0, a.append("nothing", new byte[0]));
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, a.append("five", bytes("x")));
        }
    }

    @Test
    void removeSaysWhetherTheKeyExisted() {
        a.set("gone", bytes("x"));
        assertTrue(a.remove("gone"));
        assertFalse(b.remove("gone"));
        assertTrue(a.tryGet("gone").isEmpty());
    }

    @Test
    void casSucceedsOnlyWhenThePreviousValueIsTheExpectedOne() {
        final CasResult created = a.cas("lock", new byte[0], bytes("J1"));
        assertTrue(created.swapped());
        assertArrayEquals(new byte[0], created.previous());
        final CasResult lost = b.cas("lock", new byte[0], bytes("J2"));
        assertFalse(lost.swapped());
        assertArrayEquals(bytes("J1"), lost.previous());
        final CasResult swapped = b.cas("lock", bytes("J1"), bytes("J2"));
        assertTrue(swapped.swapped());
        assertArrayEquals(bytes("J2"), a.get("lock", Duration.ZERO));
        final CasResult absent = a.cas("absent", bytes("x"), bytes("y"));
        assertFalse(absent.swapped());
        assertTrue(a.tryGet("absent").isEmpty());
    }

    @Test
    void writeGrowsWithZerosAndWakesWaiters() throws Exception {
        final CompletableFuture<byte[]> waiting =
            CompletableFuture.supplyAsync(() -> b.get("slots", Duration.ofSeconds(10)));
        awaitParked(1);
        a.write("slots", 4, bytes("ab"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 'a', 'b'}, waiting.get(5, TimeUnit.SECONDS));
        a.write("slots", 1, bytes("Z"));
        a.write("slots", 8, bytes("E"));
        assertArrayEquals(new byte[] {0, 'Z', 0, 0, 'a', 'b', 0, 0, 'E'}, a.get("slots", Duration.ZERO));
        assertThrows(InvalidArgumentException.class, () -> a.write("slots", -1, bytes("x")));
    }

    @Test
    void prefixStoresNestAndWatchesSeeTheirOwnKeys() throws Exception {
        final ConfigStore level1 = a.withPrefix("/level1/");
        final ConfigStore level2 = level1.withPrefix("/level2/");
        assertEquals("/level1//level2/key", level2.completeKey("key"));
        level2.set("key", bytes("deep"));
        assertArrayEquals(bytes("deep"), b.get("/level1//level2/key", Duration.ZERO));
        final CompletableFuture<String> seen = new CompletableFuture<>();
        level2.watch("w", (result, key, value) -> seen.complete(result + ":" + key + ":" + new String(value, UTF_8)));
        b.set("/level1//level2/w", bytes("fired"));
        assertEquals("0:w:fired", seen.get(5, TimeUnit.SECONDS));
        level2.close();
        assertArrayEquals(bytes("deep"), level1.get("/level2/key", Duration.ZERO), "closing a view keeps the link");
    }

    @Test
    void watchFiresOnceAtOnceWhenTheKeyExistsAndUnwatchCancelsOnTheServer() throws Exception {
        a.set("present", bytes("p"));
        final CompletableFuture<String> now = new CompletableFuture<>();
        a.watch("present", (r, k, v) -> now.complete(k + "=" + new String(v, UTF_8)));
        assertEquals("present=p", now.get(5, TimeUnit.SECONDS));

        final List<String> fired = new ArrayList<>();
        final long id = a.watch("cancelled", (r, k, v) -> fired.add(k));
        final CompletableFuture<String> other = new CompletableFuture<>();
        a.watch("other", (r, k, v) -> other.complete(k));
        awaitParked(2);
        a.unwatch(id);
        awaitParked(1);
        b.set("cancelled", bytes("x"));
        b.set("other", bytes("y"));
        assertEquals("other", other.get(5, TimeUnit.SECONDS));
        assertTrue(fired.isEmpty(), "an unwatched key must not notify");
        final StoreException unknown = assertThrows(StoreException.class, () -> a.unwatch(99_999));
        assertEquals(ErrorCode.STORE_NOT_EXIST, unknown.errorCode());
    }

    @Test
    void badKeysAndValuesAreRefusedBeforeSending() {
        final InvalidArgumentException emptySet = assertThrows(InvalidArgumentException.class, () -> a.set("", bytes("x")));
        assertEquals(ErrorCode.STORE_INVALID_KEY, emptySet.errorCode());
        assertEquals(ErrorCode.STORE_INVALID_KEY,
            assertThrows(InvalidArgumentException.class, () -> a.get("", Duration.ZERO)).errorCode());
        final String longKey = "k".repeat(1025);
        assertEquals(ErrorCode.STORE_INVALID_KEY,
            assertThrows(InvalidArgumentException.class, () -> a.set(longKey, bytes("x"))).errorCode());
        a.set("k".repeat(1024), bytes("ok"));
        assertEquals(ErrorCode.STORE_INVALID_KEY,
            assertThrows(InvalidArgumentException.class, () -> a.withPrefix("p").set("k".repeat(1024), bytes("x")))
                .errorCode());
        assertThrows(InvalidArgumentException.class, () -> a.set("k", null));
        assertThrows(InvalidArgumentException.class, () -> a.set("k", new byte[ConfigStore.MAX_VALUE_BYTES + 1]));
        assertThrows(InvalidArgumentException.class, () -> a.get("k", null));
        assertThrows(InvalidArgumentException.class, () -> a.watch("k", null));
        assertThrows(InvalidArgumentException.class, () -> a.withPrefix(""));
        assertTrue(a.tryGet("k").isEmpty(), "nothing was stored by refused calls");
    }

    @Test
    void manyThreadsPipelineOnOneClient() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                final int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        final String key = "t" + thread + "_" + i;
                        a.set(key, bytes(key));
                        assertArrayEquals(bytes(key), a.get(key, Duration.ZERO));
                        a.add("total", 1);
                    }
                    return null;
                }));
            }
            for (final Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16 * 300, a.add("total", 0));
    }

    private void awaitParked(final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fixture.server().parkedGets() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("parked gets: expected=" + count + ", actual=" + fixture.server().parkedGets());
            }
            Thread.sleep(5);
        }
    }
}
