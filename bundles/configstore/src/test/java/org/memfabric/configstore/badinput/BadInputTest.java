package org.memfabric.configstore.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.configstore.wire.RawWire.ascii;
import static org.memfabric.configstore.wire.RawWire.frame;
import static org.memfabric.configstore.wire.RawWire.header;
import static org.memfabric.configstore.wire.RawWire.request;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.configstore.StoreFixture;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.Await;
import org.memfabric.configstore.wire.RawWire;
import org.memfabric.configstore.wire.RawWire.Le;
import org.memfabric.configstore.wire.RawWire.RawFrame;
import org.memfabric.configstore.wire.RawWire.RawPeer;
import org.memfabric.configstore.wire.WireLimits;

/**
 * Bad bytes from a raw peer never cost a well-behaved client its link or its data: every test stores a key through a
 * second, well-behaved client first and checks afterwards that this client still works and the key is still there,
 * and that the server's counters saw the bad input.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final long NO_RANK = 0xFFFF_FFFFL;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final StoreFixture fixture = new StoreFixture();
    private StoreServer server;
    private StoreClient good;
    private int goodChecks;

    @BeforeEach
    void start() {
        server = fixture.start(new StoreServerOptions().handshakeTimeout(Duration.ofMillis(300)));
        good = fixture.client();
        good.set("kept", ascii("safe"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void shouldRefuseAndCloseAHandshakeWithTheWrongMagic() throws IOException {
        final long refused = counter("linksRefused");
        try (RawPeer peer = RawPeer.connect(server.url(), CLOSE_WAIT)) {
            assertNotEquals(0, peer.handshake(RawWire.handshake(0x4D46, 0, 0, NO_RANK)), "non-zero int16 answer");
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "the server closes the link");
        }
        awaitCounter("linksRefused", refused + 1);
        assertGoodClientUnharmed();
    }

    @Test
    void shouldRefuseAndCloseAHandshakeWithTheWrongVersion() throws IOException {
        final long refused = counter("linksRefused");
        try (RawPeer peer = RawPeer.connect(server.url(), CLOSE_WAIT)) {
            assertNotEquals(0, peer.handshake(RawWire.handshake(0, 1, 0, NO_RANK)), "non-zero int16 answer");
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "the server closes the link");
        }
        awaitCounter("linksRefused", refused + 1);
        assertGoodClientUnharmed();
    }

    @Test
    void shouldDropAHandshakeCutShortByTheClient() throws IOException {
        final long failures = counter("handshakeFailures");
        try (RawPeer peer = RawPeer.connect(server.url(), CLOSE_WAIT)) {
            peer.send(new byte[] {0, 0, 0, 0, 0});
        }
        awaitCounter("handshakeFailures", failures + 1);
        assertEquals(1, server.linkCount());
        assertGoodClientUnharmed();
    }

    @Test
    void shouldCloseAHandshakeThatStallsForLongerThanTheHandshakeTimeout() throws IOException {
        final long failures = counter("handshakeFailures");
        try (RawPeer peer = RawPeer.connect(server.url(), CLOSE_WAIT)) {
            final long start = System.nanoTime();
            peer.send(new byte[] {0, 0, 0, 0, 0});
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "closed after the 300 ms handshake timeout");
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 200, "closed before the handshake timeout: waitedMs=" + waitedMs);
        }
        awaitCounter("handshakeFailures", failures + 1);
        assertGoodClientUnharmed();
    }

    @Test
    void shouldRefuseATlsClientHelloSentToAPlaintextServer() throws IOException {
        final long before = counter("linksRefused") + counter("handshakeFailures");
        // a TLS 1.2 ClientHello record as a TLS client would send it first: content type 22, version 3.1, ...
        final byte[] hello = new Le().bytes(RawWire.hex("16 0301 00c8 01 0000c4 0303")).bytes(new byte[32])
            .bytes(RawWire.hex("00 0004 c02f 00ff 01 00 0097")).bytes(new byte[0x97]).toArray();
        try (RawPeer peer = RawPeer.connect(server.url(), CLOSE_WAIT)) {
            peer.send(hello);
            int answer = 0;
            try {
                answer = peer.handshake(new byte[0]);
            } catch (final EOFException | SocketException e) {
                answer = Integer.MIN_VALUE; // closed, or reset because of unread bytes: refused as well
            }
            assertNotEquals(0, answer, "the server must not accept a TLS record as a handshake");
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "the server closes the link");
        }
        Await.until(() -> counter("linksRefused") + counter("handshakeFailures") > before, () -> "refusal counted");
        assertEquals(1, server.linkCount());
        assertGoodClientUnharmed();
    }

    // ------------------------------------------------------------------ framing

    @Test
    void shouldCloseALinkWhoseFrameTypeIsOutOfRange() throws IOException {
        final long broken = counter("brokenFrames");
        try (RawPeer peer = RawPeer.open(server.url())) {
            peer.send(header(48, 0, 0, 1));
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "type 48 breaks the link");
        }
        try (RawPeer peer = RawPeer.open(server.url())) {
            peer.send(header(-1, 0, 0, 1));
            assertTrue(peer.awaitClosed(CLOSE_WAIT), "type -1 breaks the link");
        }
        awaitCounter("brokenFrames", broken + 2);
        Await.until(() -> server.linkCount() == 1, () -> "bad links forgotten");
        assertGoodClientUnharmed();
    }

    @Test
    void shouldCloseALinkAnnouncingABodyAboveTheLimitWithoutWaitingForIt() throws IOException {
        final long broken = counter("brokenFrames");
        for (final long bodyLength : new long[] {WireLimits.MAX_BODY_BYTES + 1L, 0xFFFF_FFFFL}) {
            try (RawPeer peer = RawPeer.open(server.url())) {
                // no body follows: a server that allocated the body and tried to read it would keep the link open
                peer.send(header(0, 0, bodyLength, 1));
                assertTrue(peer.awaitClosed(CLOSE_WAIT), "oversized body breaks the link: bodyLength=" + bodyLength);
            }
        }
        awaitCounter("brokenFrames", broken + 2);
        Await.until(() -> server.linkCount() == 1, () -> "bad links forgotten");
        assertGoodClientUnharmed();
    }

    @Test
    void shouldForgetALinkWhoseFrameIsCutShortMidBody() throws IOException {
        final long closed = counter("linksClosed");
        final long requests = counter("requests");
        try (RawPeer peer = RawPeer.open(server.url())) {
            final byte[] body = request(0, "cut", ascii("x".repeat(70)));
            peer.send(header(0, 0, body.length, 1));
            peer.send(Arrays.copyOf(body, body.length / 2));
        }
        awaitCounter("linksClosed", closed + 1);
        Await.until(() -> server.linkCount() == 1, () -> "cut link forgotten");
        assertEquals(requests, counter("requests"), "half a frame is no request");
        assertFalse(server.keySizes().containsKey("cut"));
        assertGoodClientUnharmed();
    }

    // ------------------------------------------------------------------ store messages

    @Test
    void shouldAnswerInvalidMessageToGarbageAndKeepTheLinkUsable() throws IOException {
        final long invalid = counter("invalidMessages");
        final Random random = new Random(0x5EED);
        try (RawPeer peer = RawPeer.open(server.url())) {
            for (int i = 0; i < 20; i++) {
                final byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                if (garbage.length >= 8) {
                    garbage[7] = (byte) 0x80; // totalSize can never equal the length: surely undecodable
                }
                assertEquals(-400, peer.call(100 + i, garbage).result(), "garbage #" + i);
            }
            final RawFrame set = peer.call(200, request(0, "same-link", ascii("ok")));
            assertEquals(0, set.result());
            assertEquals("success", set.text());
        }
        awaitCounter("invalidMessages", invalid + 20);
        assertArrayEquals(ascii("ok"), good.get("same-link", Duration.ZERO));
        assertGoodClientUnharmed();
    }

    @Test
    void shouldAnswerInvalidMessageToAnUnknownMessageType() throws IOException {
        assertInvalid(-400, RawWire.message(11, -1, List.of(ascii("t11")), List.of()));
        assertInvalid(-400, RawWire.message(-1, -1, List.of(ascii("t-1")), List.of()));
        assertInvalid(-400, RawWire.message(9, -1, List.of(ascii("t9")), List.of()));
    }

    @Test
    void shouldAnswerInvalidMessageToElevenKeys() throws IOException {
        final List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            keys.add(ascii("k" + i));
        }
        assertInvalid(-400, RawWire.message(0, -1, keys, List.of(ascii("v"))));
        assertInvalid(-400, RawWire.message(0, -1, List.of(ascii("k")), Collections.nCopies(11, ascii("v"))));
        assertFalse(server.keySizes().containsKey("k0"));
    }

    @Test
    void shouldAnswerInvalidMessageToAKeyLongerThanTheDecoderLimit() throws IOException {
        final String key = "x".repeat(WireLimits.MAX_DECODED_KEY_BYTES + 1);
        assertInvalid(-400, request(0, key, ascii("v")));
        assertFalse(server.keySizes().containsKey(key));
    }

    @Test
    void shouldAnswerInvalidKeyToAWellEncodedKeyOf1025Bytes() throws IOException {
        final String key = "y".repeat(WireLimits.MAX_KEY_BYTES + 1);
        assertInvalid(-401, request(0, key, ascii("v")));
        assertInvalid(-401, request(1, key));
        assertInvalid(-401, RawWire.message(0, -1, List.of(new byte[0]), List.of(ascii("v"))));
        assertFalse(server.keySizes().containsKey(key));
        assertFalse(server.keySizes().containsKey(""));
    }

    @Test
    void shouldAnswerInvalidMessageToASetWithoutValues() throws IOException {
        assertInvalid(-400, request(0, "no-value"));
        assertInvalid(-400, request(0, "two-values", ascii("a"), ascii("b")));
        assertFalse(server.keySizes().containsKey("no-value"));
        assertFalse(server.keySizes().containsKey("two-values"));
    }

    @Test
    void shouldAnswerInvalidMessageToAValueLengthRunningPastTheBody() throws IOException {
        final byte[] tail = new Le().u64(1).u64(4).bytes(ascii("runs")).u64(1).u64(1000).bytes(ascii("abc")).toArray();
        final byte[] body = new Le().u64(18L + tail.length).u64(-1).i16(0).bytes(tail).toArray();
        assertInvalid(-400, body);
        final byte[] negative = new Le().u64(1).u64(4).bytes(ascii("runs")).u64(1).u64(-1).bytes(ascii("abc")).toArray();
        assertInvalid(-400, new Le().u64(18L + negative.length).u64(-1).i16(0).bytes(negative).toArray());
        assertFalse(server.keySizes().containsKey("runs"));
    }

    @Test
    void shouldAnswerInvalidMessageToATotalSizeThatDisagreesWithTheBody() throws IOException {
        final byte[] valid = request(0, "sized", ascii("v"));
        for (final long totalSize : new long[] {valid.length + 1L, valid.length - 1L, 0, -1}) {
            final byte[] body = valid.clone();
            System.arraycopy(new Le().u64(totalSize).toArray(), 0, body, 0, 8);
            assertInvalid(-400, body);
        }
        final byte[] trailing = new Le().bytes(valid).bytes(new byte[3]).toArray();
        assertInvalid(-400, trailing);
        assertFalse(server.keySizes().containsKey("sized"));
    }

    @Test
    void shouldRejectAWriteWhoseOffsetExceedsTheOriginalsBound() throws IOException {
        // without the bound (memfabric-behaviour.md §1.4) a 5-byte WRITE made the server allocate and keep ~1 MB
        final byte[] value = new Le().u32(1_000_000).bytes(ascii("z")).toArray();
        try (RawPeer peer = RawPeer.open(server.url())) {
            assertNotEquals(0, peer.call(1, request(6, "far", value)).result(), "offset 1000000 > 65535 x 1");
        }
        assertFalse(server.keySizes().containsKey("far"));
        assertGoodClientUnharmed();
    }

    @Test
    void shouldKeepServingWhileLinksAnnounceLargeBodiesAndStall() throws IOException {
        // 12 x 128 MiB announced: a server allocating announced bodies up front ran out of its 1 GiB heap here
        final List<RawPeer> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                final RawPeer peer = RawPeer.open(server.url());
                stalled.add(peer);
                peer.send(header(0, 0, WireLimits.MAX_BODY_BYTES, i));
                peer.send(new byte[] {1});
            }
            for (final RawPeer peer : stalled) {
                assertFalse(peer.awaitClosed(Duration.ofMillis(100)), "a stalled link within the limits stays open");
                assertGoodClientUnharmed();
            }
            assertEquals(13, server.linkCount(), "no link was lost to memory exhaustion");
        } finally {
            stalled.forEach(RawPeer::close);
        }
    }

    // ------------------------------------------------------------------ many connections

    @Test
    void shouldReturnToItsLinkCountAfter200ConnectionsDroppedAbruptly() throws IOException {
        final Random random = new Random(200);
        final byte[] body = request(0, "dropped", ascii("x"));
        for (int i = 0; i < 200; i++) {
            final RawPeer peer = fixture.track(RawPeer.connect(server.url(), CLOSE_WAIT));
            switch (i % 5) {
                case 0 -> peer.send(new byte[0]);
                case 1 -> peer.send(new byte[1 + random.nextInt(15)]);
                case 2 -> assertEquals(0, peer.handshake(RawWire.handshake(0, 0, 0, 100 + i)));
                case 3 -> {
                    assertEquals(0, peer.handshake(RawWire.handshake(0, 0, 0, NO_RANK)));
                    peer.send(Arrays.copyOf(frame(0, 0, i, body), 16 + random.nextInt(body.length)));
                }
                default -> {
                    assertEquals(0, peer.handshake(RawWire.handshake(0, 0, 0, 100 + i)));
                    peer.send(frame(0, 0, i, RawWire.message(1, -1, List.of(ascii("never-" + i)), List.of())));
                }
            }
            if (random.nextBoolean()) {
                peer.reset();
            } else {
                peer.close();
            }
        }
        Await.until(() -> server.linkCount() == 1, () -> "links back to the well-behaved client's one: linkCount="
            + server.linkCount());
        Await.until(() -> server.aliveRanks().isEmpty(), () -> "no rank of a dropped link stays alive: ranks="
            + server.aliveRanks());
        Await.until(() -> server.parkedGets() == 0, () -> "parked GETs of dropped links released");
        try (RawPeer peer = RawPeer.open(server.url())) {
            assertEquals(0, peer.call(1, request(0, "new-link", ascii("y"))).result(), "still accepts links");
        }
        assertGoodClientUnharmed();
    }

    @Test
    void shouldNotLeakALinkWhosePeerResetsBeforeTheHandshakeAnswer() throws IOException {
        // the server has registered link and rank before its answer fails to go out: both must be undone
        for (int i = 0; i < 50; i++) {
            final RawPeer peer = fixture.track(RawPeer.connect(server.url(), CLOSE_WAIT));
            peer.send(RawWire.handshake(0, 0, 0, 500 + i));
            peer.reset();
        }
        Await.until(() -> counter("linksAccepted") + counter("handshakeFailures") >= 51, () -> "all 50 handled");
        Await.until(() -> server.linkCount() == 1, () -> "links back to the well-behaved client's one: linkCount="
            + server.linkCount() + ", counters=" + server.counters().snapshot());
        Await.until(() -> server.aliveRanks().isEmpty(), () -> "no rank of a reset link stays alive: ranks="
            + server.aliveRanks());
        assertGoodClientUnharmed();
    }

    // ------------------------------------------------------------------ helpers

    private void assertInvalid(final int expectedResult, final byte[] body) throws IOException {
        final long invalid = counter("invalidMessages");
        try (RawPeer peer = RawPeer.open(server.url())) {
            final RawFrame reply = peer.call(0x7000_0001L, body);
            assertEquals(expectedResult, reply.result(), () -> "reply: " + reply.text());
            assertEquals(0x7000_0001L, reply.seqNo());
            final RawFrame next = peer.call(0x7000_0002L, request(0, "usable-after-bad-input", ascii("yes")));
            assertEquals(0, next.result(), "the link stays usable");
        }
        awaitCounter("invalidMessages", invalid + 1);
        assertGoodClientUnharmed();
    }

    private void assertGoodClientUnharmed() {
        final String key = "good-" + goodChecks++;
        good.set(key, ascii(key));
        assertArrayEquals(ascii(key), good.get(key, Duration.ZERO));
        assertArrayEquals(ascii("safe"), good.get("kept", Duration.ZERO), "the key stored beforehand is intact");
        assertTrue(good.isConnected());
        assertEquals(0L, good.counters().snapshot().get("linkBreaks"));
    }

    private long counter(final String name) {
        return server.counters().snapshot().get(name);
    }

    private void awaitCounter(final String name, final long atLeast) {
        Await.until(() -> counter(name) >= atLeast, () -> name + " >= " + atLeast + " (now " + counter(name) + ")");
    }
}
