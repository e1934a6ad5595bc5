package org.memfabric.configstore.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.configstore.wire.RawWire.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.configstore.StoreFixture;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.RawWire.RawFrame;
import org.memfabric.configstore.wire.RawWire.RawPeer;

/**
 * The network phase of {@link DecoderFuzzTest}: a live server gets mutated input from raw links while a well-behaved
 * client keeps storing and reading back its keys.
 *
 * <ul>
 *   <li>The <em>framed</em> link keeps one connection for the whole phase and sends well-framed requests with
 *       mutated bodies, one at a time; the server must answer each with a store code and never close the link.</li>
 *   <li>Two <em>chaos</em> threads open short-lived links, sometimes with a mutated handshake, send a burst of
 *       frames whose last one may have a mutated header, be truncated or be random bytes, and then close or reset.</li>
 * </ul>
 *
 * One input class is kept out to bound the test's own heap: a WRITE ending beyond 1 MiB. The original's bound
 * (offset &lt;= 65535 x data length) lets a few kilobytes of WRITE make a 64 MiB value, and a few of those at once
 * would exhaust the 1 GiB test JVM; {@code BadInputTest} checks the bound itself.
 *
 * <p>Threading: {@link #run()} runs on the test thread, starts four worker threads and joins them; each worker owns
 * its {@link Random}, mutator and sockets.
 */
final class NetworkFuzz {
    private static final long NO_RANK = 0xFFFF_FFFFL;
    private static final byte[] WATCH_RANK_DOWN_KEY = ascii("WATCH_RANK_DOWN_KEY");
    private static final Set<Integer> STORE_CODES = Set.of(0, -1, -400, -401, -404);
    private static final int LARGEST_WRITE_END = 1 << 20;
    private static final int GOOD_KEYS = 256;

    private final StoreFixture fixture;
    private final long seed;
    private final Duration duration;
    private StoreServer server;
    private long deadlineNanos;

    NetworkFuzz(final StoreFixture fixture, final long seed, final Duration duration) {
        this.fixture = fixture;
        this.seed = seed;
        this.duration = duration;
    }

    void run() throws Exception {
        server = fixture.start(new StoreServerOptions().handshakeTimeout(Duration.ofMillis(300)));
        final StoreClient good = fixture.client();
        good.set("kept", ascii("safe"));
        deadlineNanos = System.nanoTime() + duration.toNanos();
        final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            final Thread t = new Thread(r, "network-fuzz");
            t.setDaemon(true);
            return t;
        });
        final Map<String, byte[]> stored;
        final Map<Integer, Long> framedResults;
        long chaosLinks = 0;
        try {
            final Future<Map<String, byte[]>> goodRun = pool.submit(() -> goodClient(good, new Random(seed ^ 0x600D)));
            final Future<Map<Integer, Long>> framedRun = pool.submit(() -> framedLink(new Random(seed ^ 0xF4A3)));
            final List<Future<Long>> chaosRuns = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                final Random random = new Random(seed ^ (0xC4A0 + i));
                chaosRuns.add(pool.submit(() -> chaos(random)));
            }
            final long waitMs = duration.toMillis() + 60_000;
            stored = goodRun.get(waitMs, TimeUnit.MILLISECONDS);
            framedResults = framedRun.get(waitMs, TimeUnit.MILLISECONDS);
            for (final Future<Long> f : chaosRuns) {
                chaosLinks += f.get(waitMs, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Await.until(() -> server.linkCount() == 1, () -> "fuzz links forgotten: linkCount=" + server.linkCount()
            + ", counters=" + server.counters().snapshot());
        Await.until(() -> server.parkedGets() == 0, () -> "parked GETs released: parked=" + server.parkedGets());
        Await.until(() -> server.aliveRanks().isEmpty(), () -> "ranks of fuzz links released: " + server.aliveRanks());
        try (StoreClient fresh = StoreClient.connect(server.url(), StoreFixture.quick(), LinkSecurity.PLAINTEXT)) {
            for (final Map.Entry<String, byte[]> e : stored.entrySet()) {
                assertArrayEquals(e.getValue(), fresh.get(e.getKey(), Duration.ZERO), "good key damaged: " + e.getKey());
            }
            assertArrayEquals(ascii("safe"), fresh.get("kept", Duration.ZERO));
        }
        try (RawPeer peer = RawPeer.open(server.url())) {
            assertEquals(0, peer.call(1, RawWire.request(0, "after-fuzz", ascii("ok"))).result(), "accepts links");
        }
        assertTrue(good.isConnected());
        assertEquals(0L, good.counters().snapshot().get("linkBreaks"), "the good client never lost its link");
        System.out.println("DecoderFuzzTest network: seed=" + seed + ", goodKeys=" + stored.size() + ", framedResults="
            + framedResults + ", chaosLinks=" + chaosLinks + ", server=" + server.counters().snapshot());
    }

    // ------------------------------------------------------------------ the well-behaved client

    private Map<String, byte[]> goodClient(final StoreClient good, final Random random) {
        final Map<String, byte[]> expected = new HashMap<>();
        final String counterKey = "good/" + seed + "/counter";
        long count = 0;
        for (int n = 0; System.nanoTime() < deadlineNanos; n++) {
            final String key = "good/" + seed + "/" + random.nextInt(GOOD_KEYS);
            final byte[] value = new byte[random.nextInt(2048)];
            random.nextBytes(value);
            good.set(key, value);
            expected.put(key, value);
            assertArrayEquals(value, good.get(key, Duration.ZERO), "read back " + key);
            if (n % 10 == 0) {
                count++;
                assertEquals(count, good.add(counterKey, 1), "counter " + counterKey);
            }
        }
        if (count > 0) {
            expected.put(counterKey, ascii(Long.toString(count)));
        }
        return expected;
    }

    // ------------------------------------------------------------------ the framed link

    private Map<Integer, Long> framedLink(final Random random) throws IOException {
        final WireMutator mutator = new WireMutator(random);
        final Map<Integer, Long> results = new TreeMap<>();
        long seqNo = 1;
        long nextCleanupNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try (RawPeer peer = RawPeer.open(server.url())) {
            while (System.nanoTime() < deadlineNanos) {
                final byte[] body = answerable(body(random, mutator));
                if (body == null) {
                    continue;
                }
                final long seq = seqNo++;
                final RawFrame reply;
                try {
                    reply = peer.call(seq, body);
                } catch (final IOException e) {
                    throw new AssertionError("server dropped or ignored a well-framed request: seed=" + seed
                        + ", body=" + RawWire.hex(Arrays.copyOf(body, Math.min(body.length, 512))), e);
                }
                assertEquals(0, reply.type());
                assertTrue(STORE_CODES.contains(reply.result()), () -> "unexpected result " + reply.result()
                    + " for body " + RawWire.hex(Arrays.copyOf(body, Math.min(body.length, 512))));
                results.merge(reply.result(), 1L, Long::sum);
                if (System.nanoTime() > nextCleanupNanos) {
                    seqNo = removeFuzzKeys(peer, seqNo);
                    nextCleanupNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                }
            }
            assertEquals(0, peer.call(seqNo, RawWire.request(0, "framed-still-usable", ascii("y"))).result());
        }
        return results;
    }

    /** Keeps the server's memory bounded on long runs: fuzz-made keys go, the good client's stay. */
    private long removeFuzzKeys(final RawPeer peer, final long firstSeqNo) throws IOException {
        long seqNo = firstSeqNo;
        for (final String key : server.keySizes().keySet()) {
            if (!key.startsWith("good/") && !key.equals("kept") && !key.startsWith("framed-")) {
                final byte[] body = RawWire.message(3, -1, List.of(key.getBytes(StandardCharsets.ISO_8859_1)), List.of());
                final int result = peer.call(seqNo++, body).result();
                assertTrue(result == 0 || result == -404, "remove of a fuzz key: result=" + result);
            }
        }
        return seqNo;
    }

    /**
     * The body to send on the framed link, or null when the server would legitimately not answer it at once: a
     * HEARTBEAT, a rank-state subscription, or a GET that may park (its timeout is set to 0 instead).
     */
    private static byte[] answerable(final byte[] body) {
        final StoreMessage m;
        try {
            m = StoreMessage.decode(body);
        } catch (final WireFormatException e) {
            return body;
        }
        switch (m.type()) {
            case HEARTBEAT:
                return null;
            case WATCH_RANK_STATE:
                return m.keys().size() == 1 && Arrays.equals(m.keys().get(0), WATCH_RANK_DOWN_KEY) ? null : body;
            case GET: {
                final byte[] now = body.clone();
                ByteBuffer.wrap(now).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 0);
                return now;
            }
            default:
                return writeEndsWithinSafeBound(m) ? body : null;
        }
    }

    private static boolean writeEndsWithinSafeBound(final StoreMessage m) {
        if (m.type() != MessageType.WRITE || m.values().size() != 1 || m.values().get(0).length < 4) {
            return true;
        }
        final byte[] v = m.values().get(0);
        final long offset = Integer.toUnsignedLong(ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt());
        return offset + v.length - 4 <= LARGEST_WRITE_END;
    }

    private static byte[] body(final Random random, final WireMutator mutator) {
        final int how = random.nextInt(100);
        return how < 10 ? mutator.validMessage()
            : how < 80 ? mutator.mutateMessage(mutator.validMessage()) : mutator.randomBytes(200);
    }

    // ------------------------------------------------------------------ chaos links

    private long chaos(final Random random) {
        final WireMutator mutator = new WireMutator(random);
        long links = 0;
        while (System.nanoTime() < deadlineNanos) {
            links++;
            try (RawPeer peer = RawPeer.connect(server.url(), Duration.ofSeconds(5))) {
                final byte[] handshake = random.nextInt(10) == 0 ? mutator.mutateFixed(mutator.validHandshake())
                    : RawWire.handshake(0, 0, 0, random.nextBoolean() ? NO_RANK : random.nextInt(1024));
                peer.send(WireMutator.concat(handshake, burst(random, mutator)));
                if (random.nextBoolean()) {
                    drainBriefly(peer);
                }
                if (random.nextBoolean()) {
                    peer.reset();
                }
            } catch (final IOException e) {
                // the server closed a link it found broken, as it should
            }
        }
        return links;
    }

    private static byte[] burst(final Random random, final WireMutator mutator) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int frames = random.nextInt(16);
        for (int i = 0; i < frames; i++) {
            out.writeBytes(wellFramed(random, mutator));
        }
        final int last = random.nextInt(100);
        if (last < 40) {
            out.writeBytes(wellFramed(random, mutator));
        } else if (last < 65) {
            final byte[] body = safeBody(random, mutator);
            out.writeBytes(mutator.mutateFixed(mutator.validHeader(body.length)));
            out.writeBytes(body);
        } else if (last < 80) {
            out.writeBytes(mutator.randomBytes(64));
        } else {
            final byte[] whole = wellFramed(random, mutator);
            out.write(whole, 0, random.nextInt(whole.length));
        }
        return out.toByteArray();
    }

    private static byte[] wellFramed(final Random random, final WireMutator mutator) {
        final byte[] body = safeBody(random, mutator);
        return WireMutator.concat(mutator.validHeader(body.length), body);
    }

    private static byte[] safeBody(final Random random, final WireMutator mutator) {
        while (true) {
            final byte[] body = body(random, mutator);
            try {
                if (!writeEndsWithinSafeBound(StoreMessage.decode(body))) {
                    continue;
                }
            } catch (final WireFormatException e) {
                // undecodable bodies are welcome
            }
            return body;
        }
    }

    private static void drainBriefly(final RawPeer peer) throws IOException {
        peer.socket().setSoTimeout(20);
        final byte[] sink = new byte[8192];
        try {
            while (peer.socket().getInputStream().read(sink) > 0) {
                // discard replies
            }
        } catch (final SocketTimeoutException e) {
            // nothing more for now
        }
    }
}
