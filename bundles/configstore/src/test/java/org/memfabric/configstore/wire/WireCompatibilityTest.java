package org.memfabric.configstore.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.configstore.wire.RawWire.ascii;
import static org.memfabric.configstore.wire.RawWire.frame;
import static org.memfabric.configstore.wire.RawWire.hex;
import static org.memfabric.configstore.wire.RawWire.request;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.store.CasResult;
import org.memfabric.configstore.StoreFixture;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.RawWire.Packed;
import org.memfabric.configstore.wire.RawWire.RawFrame;
import org.memfabric.configstore.wire.RawWire.RawPeer;

/**
 * Byte compatibility with the original config store (memfabric-behaviour.md §1.2-1.6).
 *
 * <p>The golden vectors below were written out by hand from the layout in the behaviour digest, field by field, not
 * produced by our encoders. The end-to-end tests then play the original client against our server with a raw socket
 * speaking only hand-built bytes, and a raw stand-in for the original server against our client.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireCompatibilityTest {
    // ------------------------------------------------------------------ golden vectors (all little-endian)

    /** magic 0, version 0, padding, rankField = (4 << 32) | 2. */
    static final String HANDSHAKE_WORLD_4_RANK_2 = "0000 0000 00000000 02000000 04000000";
    /** magic 0, version 0, padding, rankField = (4 << 32) | 0xFFFFFFFF (no rank). */
    static final String HANDSHAKE_WORLD_4_NO_RANK = "0000 0000 00000000 ffffffff 04000000";
    /** What a client without rank or world size sends: rankField = 0xFFFFFFFF. */
    static final String HANDSHAKE_WORLD_0_NO_RANK = "0000 0000 00000000 ffffffff 00000000";
    /** type 0, result -404 (0xFE6C), bodyLength 34, seqNo 0x89ABCDEF (above Integer.MAX_VALUE), crc 0. */
    static final String HEADER_NOT_EXIST_REPLY = "0000 6cfe 22000000 efcdab89 00000000";
    /** SET key "k1" value "v": totalSize 53, userDef -1, type 0, 1 key (len 2), 1 value (len 1). */
    static final String SET_K1_V = "3500000000000000 ffffffffffffffff 0000"
        + " 0100000000000000 0200000000000000 6b31"
        + " 0100000000000000 0100000000000000 76";
    /** GET key "key" with timeout 100 ms: totalSize 45, userDef 100, type 1, 1 key (len 3), 0 values. */
    static final String GET_KEY_TIMEOUT_100 = "2d00000000000000 6400000000000000 0100"
        + " 0100000000000000 0300000000000000 6b6579"
        + " 0000000000000000";
    /** GET reply with value "hello": totalSize 47, userDef -1, type 1, 0 keys, 1 value (len 5). */
    static final String GET_REPLY_HELLO = "2f00000000000000 ffffffffffffffff 0100"
        + " 0000000000000000"
        + " 0100000000000000 0500000000000000 68656c6c6f";
    /** CAS key "lock", expected "old", new "new": totalSize 68, userDef -1, type 5, 1 key, 2 values. */
    static final String CAS_LOCK_OLD_NEW = "4400000000000000 ffffffffffffffff 0500"
        + " 0100000000000000 0400000000000000 6c6f636b"
        + " 0200000000000000 0300000000000000 6f6c64 0300000000000000 6e6577";
    /** HEARTBEAT: totalSize 34, userDef -1, type 8, no keys, no values. */
    static final String HEARTBEAT = "2200000000000000 ffffffffffffffff 0800 0000000000000000 0000000000000000";
    /** The heartbeat frame the original client sends: header type 0, result 0, bodyLength 34, seqNo 0, crc 0. */
    static final String HEARTBEAT_FRAME = "0000 0000 22000000 00000000 00000000 " + HEARTBEAT;
    /** Rank-down push body: totalSize 46, userDef -1, type 7, 0 keys, 1 value = u32 rank 3. */
    static final String RANK_3_DOWN = "2e00000000000000 ffffffffffffffff 0700 0000000000000000"
        + " 0100000000000000 0400000000000000 03000000";

    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldEncodeAndDecodeTheHandshakeOfTheOriginal() {
        assertEquals(hex(HANDSHAKE_WORLD_4_RANK_2).length, Handshake.LENGTH);
        assertEquals(HANDSHAKE_WORLD_4_RANK_2.replace(" ", ""), hex(Handshake.of(4, 2).encode()));
        assertEquals(HANDSHAKE_WORLD_4_NO_RANK.replace(" ", ""), hex(Handshake.of(4, -1).encode()));

        final Handshake ranked = Handshake.decode(hex(HANDSHAKE_WORLD_4_RANK_2));
        assertTrue(ranked.isConfigStore());
        assertEquals(0, ranked.magic());
        assertEquals(0, ranked.version());
        assertEquals(4, ranked.worldSize());
        assertEquals(2, ranked.rank());

        final Handshake unranked = Handshake.decode(hex(HANDSHAKE_WORLD_4_NO_RANK));
        assertEquals(4, unranked.worldSize());
        assertEquals(-1, unranked.rank());
    }

    @Test
    void shouldEncodeAndDecodeTheFrameHeaderOfTheOriginal() {
        final ByteBuffer b = ByteBuffer.allocate(FrameHeader.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        new FrameHeader((short) 0, (short) -404, 34, 0x89AB_CDEF).encodeTo(b);
        assertEquals(HEADER_NOT_EXIST_REPLY.replace(" ", ""), hex(b.array()));

        final FrameHeader h = FrameHeader.decode(hex(HEADER_NOT_EXIST_REPLY));
        assertEquals(0, h.type());
        assertEquals(-404, h.result());
        assertEquals(34, h.bodyLength());
        assertEquals(0x89AB_CDEFL, Integer.toUnsignedLong(h.seqNo()));
    }

    @Test
    void shouldEncodeAndDecodeASetRequestOfTheOriginal() {
        assertEquals(SET_K1_V.replace(" ", ""), hex(StoreMessage.of(MessageType.SET, ascii("k1"), ascii("v")).encode()));
        final StoreMessage m = StoreMessage.decode(hex(SET_K1_V));
        assertEquals(MessageType.SET, m.type());
        assertEquals(-1, m.userDef());
        assertEquals(1, m.keys().size());
        assertArrayEquals(ascii("k1"), m.keys().get(0));
        assertEquals(1, m.values().size());
        assertArrayEquals(ascii("v"), m.values().get(0));
    }

    @Test
    void shouldEncodeAndDecodeAGetRequestWithItsTimeoutInUserDef() {
        final StoreMessage get = new StoreMessage(MessageType.GET, 100, List.of(ascii("key")), List.of());
        assertEquals(GET_KEY_TIMEOUT_100.replace(" ", ""), hex(get.encode()));
        final StoreMessage m = StoreMessage.decode(hex(GET_KEY_TIMEOUT_100));
        assertEquals(MessageType.GET, m.type());
        assertEquals(100, m.userDef());
        assertArrayEquals(ascii("key"), m.keys().get(0));
        assertTrue(m.values().isEmpty());
    }

    @Test
    void shouldEncodeAndDecodeAGetReplyCarryingTheValueAndNoKey() {
        assertEquals(GET_REPLY_HELLO.replace(" ", ""), hex(StoreMessage.reply(MessageType.GET, ascii("hello")).encode()));
        final StoreMessage m = StoreMessage.decode(hex(GET_REPLY_HELLO));
        assertEquals(MessageType.GET, m.type());
        assertEquals(-1, m.userDef());
        assertTrue(m.keys().isEmpty());
        assertArrayEquals(ascii("hello"), m.values().get(0));
    }

    @Test
    void shouldEncodeAndDecodeACasRequestWithTwoValues() {
        assertEquals(CAS_LOCK_OLD_NEW.replace(" ", ""),
            hex(StoreMessage.of(MessageType.CAS, ascii("lock"), ascii("old"), ascii("new")).encode()));
        final StoreMessage m = StoreMessage.decode(hex(CAS_LOCK_OLD_NEW));
        assertEquals(MessageType.CAS, m.type());
        assertArrayEquals(ascii("lock"), m.keys().get(0));
        assertEquals(2, m.values().size());
        assertArrayEquals(ascii("old"), m.values().get(0));
        assertArrayEquals(ascii("new"), m.values().get(1));
    }

    @Test
    void shouldEncodeAndDecodeAHeartbeatAndItsFrame() {
        final StoreMessage beat = new StoreMessage(MessageType.HEARTBEAT, -1, List.of(), List.of());
        assertEquals(HEARTBEAT.replace(" ", ""), hex(beat.encode()));
        assertEquals(HEARTBEAT_FRAME.replace(" ", ""), hex(Frame.encode((short) 0, (short) 0, 0, beat.encode())));
        final StoreMessage m = StoreMessage.decode(hex(HEARTBEAT));
        assertEquals(MessageType.HEARTBEAT, m.type());
        assertTrue(m.keys().isEmpty());
        assertTrue(m.values().isEmpty());
    }

    @Test
    void shouldMatchTheHandBuiltPackerOnTheGoldenVectors() {
        // guards the helper the end-to-end tests build their bytes with
        assertEquals(SET_K1_V.replace(" ", ""), hex(request(0, "k1", ascii("v"))));
        assertEquals(GET_KEY_TIMEOUT_100.replace(" ", ""), hex(RawWire.message(1, 100, List.of(ascii("key")), List.of())));
        assertEquals(GET_REPLY_HELLO.replace(" ", ""), hex(RawWire.reply(1, ascii("hello"))));
        assertEquals(CAS_LOCK_OLD_NEW.replace(" ", ""), hex(request(5, "lock", ascii("old"), ascii("new"))));
        assertEquals(HEARTBEAT_FRAME.replace(" ", ""), hex(frame(0, 0, 0, RawWire.message(8, -1, List.of(), List.of()))));
        assertEquals(HANDSHAKE_WORLD_4_RANK_2.replace(" ", ""), hex(RawWire.handshake(0, 0, 4, 2)));
        assertEquals(HEADER_NOT_EXIST_REPLY.replace(" ", ""), hex(RawWire.header(0, -404, 34, 0x89AB_CDEFL)));
    }

    // ------------------------------------------------------------------ the original client against our server

    @Test
    void shouldServeSetAndGetToARawOriginalClient() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer peer = RawPeer.connect(server.url(), Duration.ofSeconds(5))) {
            assertEquals(0, peer.handshake(hex(HANDSHAKE_WORLD_0_NO_RANK)), "handshake answer is int16 0");

            final RawFrame set = peer.call(0x8000_0001L, hex(SET_K1_V));
            assertEquals(0, set.type());
            assertEquals(0, set.result());
            assertEquals(0, set.crc());
            assertEquals("success", set.text());
            assertEquals(7, set.bodyLength());

            final RawFrame get = peer.call(0xFFFF_FFFEL, request(1, "k1"));
            assertEquals(0, get.result());
            assertEquals(hex(RawWire.reply(1, ascii("v"))), hex(get.body()), "packed GET reply, values[0] = value");
        }
    }

    @Test
    void shouldAnswerNotExistToAGetOfAMissingKeyWithTimeoutZero() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer peer = RawPeer.open(server.url())) {
            final RawFrame r = peer.call(7, RawWire.message(1, 0, List.of(ascii("missing")), List.of()));
            assertEquals(-404, r.result());
            assertEquals("6cfe", hex(r.header()).substring(4, 8), "result -404 as int16 LE");
            assertEquals(0, server.parkedGets());
        }
    }

    @Test
    void shouldAnswerAddAndAppendWithAsciiDecimals() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer peer = RawPeer.open(server.url())) {
            assertEquals("5", ok(peer.call(1, request(2, "n", ascii("5")))).text());
            assertEquals("3", ok(peer.call(2, request(2, "n", ascii("-2")))).text());
            assertEquals("3", ok(peer.call(3, request(4, "log", ascii("abc")))).text());
            assertEquals("5", ok(peer.call(4, request(4, "log", ascii("de")))).text());
            assertEquals(hex(RawWire.reply(1, ascii("abcde"))), hex(ok(peer.call(5, request(1, "log"))).body()));
        }
    }

    @Test
    void shouldAnswerCasWithThePreviousValueInValuesZero() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer peer = RawPeer.open(server.url())) {
            final RawFrame created = ok(peer.call(1, request(5, "c", new byte[0], ascii("x"))));
            assertEquals(hex(RawWire.reply(5, new byte[0])), hex(created.body()), "absent key: exists is empty");
            final RawFrame lost = ok(peer.call(2, request(5, "c", ascii("nope"), ascii("y"))));
            assertEquals(hex(RawWire.reply(5, ascii("x"))), hex(lost.body()));
            final RawFrame swapped = ok(peer.call(3, request(5, "c", ascii("x"), ascii("z"))));
            assertEquals(hex(RawWire.reply(5, ascii("x"))), hex(swapped.body()));
            assertEquals(hex(RawWire.reply(1, ascii("z"))), hex(ok(peer.call(4, request(1, "c"))).body()));
        }
    }

    @Test
    void shouldAnswerNotExistToARemoveOfAMissingKey() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer peer = RawPeer.open(server.url())) {
            assertEquals(-404, peer.call(1, request(3, "never")).result());
            ok(peer.call(2, request(0, "once", ascii("1"))));
            assertEquals("success", ok(peer.call(3, request(3, "once"))).text());
            assertEquals(-404, peer.call(4, request(3, "once")).result());
        }
    }

    @Test
    void shouldPushTheRankOfABrokenRankedLinkOnTheWatchSeqNo() throws IOException {
        final StoreServer server = fixture.start();
        try (RawPeer watcher = RawPeer.open(server.url())) {
            watcher.send(frame(0, 0, 0xABCD_EF01L, request(7, "WATCH_RANK_DOWN_KEY")));
            // the subscription has no immediate reply: the next frame answers the SET
            assertEquals(2, watcher.call(2, request(0, "after-watch", ascii("x"))).seqNo());

            final RawPeer ranked = fixture.track(RawPeer.open(server.url(), 4, 3));
            Await.until(() -> server.aliveRanks().contains(3), () -> "rank 3 alive");
            ranked.close();

            final RawFrame push = watcher.read();
            assertEquals(0xABCD_EF01L, push.seqNo());
            assertEquals(0, push.result());
            assertEquals(RANK_3_DOWN.replace(" ", ""), hex(push.body()));
            assertFalse(server.aliveRanks().contains(3));
        }
    }

    @Test
    void shouldPushRankDownOnTheFrameTypeOfTheWatchRequest() throws IOException {
        // §1.2: replies reuse the request's frame type, and the original pushes through the stored request context
        final StoreServer server = fixture.start();
        try (RawPeer watcher = RawPeer.open(server.url())) {
            watcher.send(frame(3, 0, 41, request(7, "WATCH_RANK_DOWN_KEY")));
            watcher.send(frame(3, 0, 42, request(0, "k", ascii("x"))));
            final RawFrame set = watcher.read();
            assertEquals(42, set.seqNo(), "the subscription has no immediate reply");
            assertEquals(3, set.type(), "ordinary replies reuse the request's type 3");
            final RawPeer ranked = fixture.track(RawPeer.open(server.url(), 4, 1));
            Await.until(() -> server.aliveRanks().contains(1), () -> "rank 1 alive");
            ranked.close();
            final RawFrame push = watcher.read();
            assertEquals(41, push.seqNo());
            assertEquals(3, push.type(), "the push answers a request sent on frame type 3");
        }
    }

    @Test
    void shouldAssignRanksToAutoRankingGetsUpToTheHandshakeWorldSize() throws IOException {
        final StoreServer server = fixture.start();
        final byte[] autoRank = RawWire.message(1, 120_000, List.of(ascii("AutoRanking#")), List.of());
        final RawPeer a = fixture.track(RawPeer.open(server.url(), 2, 0xFFFF_FFFFL));
        try (RawPeer b = RawPeer.open(server.url(), 2, 0xFFFF_FFFFL);
            RawPeer c = RawPeer.open(server.url(), 2, 0xFFFF_FFFFL)) {
            assertEquals(hex(RawWire.reply(1, hex("00000000"))), hex(ok(a.call(1, autoRank)).body()));
            assertEquals(hex(RawWire.reply(1, hex("01000000"))), hex(ok(b.call(2, autoRank)).body()));
            assertEquals(hex(RawWire.reply(1, hex("00000000"))), hex(ok(a.call(3, autoRank)).body()),
                "asking again returns the same rank");
            assertEquals(-1, c.call(4, autoRank).result(), "world size 2 is full");
            assertEquals(List.of(0, 1), server.aliveRanks());

            a.close();
            Await.until(() -> server.aliveRanks().equals(List.of(1)), () -> "rank 0 released");
            assertEquals(hex(RawWire.reply(1, hex("00000000"))), hex(ok(c.call(5, autoRank)).body()));
        }
    }

    // ------------------------------------------------------------------ our client against the original server

    @Test
    void shouldSendTheOriginalHandshakeAndHeartbeatBytes() throws Exception {
        try (FakeOriginalServer original = new FakeOriginalServer()) {
            try (StoreClient ranked = StoreClient.connect(original.url(),
                StoreFixture.quick().rank(2).worldSize(4), LinkSecurity.PLAINTEXT)) {
                assertEquals(HANDSHAKE_WORLD_4_RANK_2.replace(" ", ""), hex(original.handshakes().get(0)));
                final RawFrame beat = original.heartbeats().poll(5, TimeUnit.SECONDS);
                assertNotNull(beat, "a heartbeat within 5 s at a 100 ms interval");
                assertEquals(HEARTBEAT_FRAME.replace(" ", ""), hex(beat.header()) + hex(beat.body()));
                assertEquals(2, ranked.rank());
            }
            try (StoreClient unranked = StoreClient.connect(original.url(), StoreFixture.quick(),
                LinkSecurity.PLAINTEXT)) {
                assertEquals(HANDSHAKE_WORLD_0_NO_RANK.replace(" ", ""), hex(original.handshakes().get(1)));
                assertTrue(unranked.isConnected());
            }
        }
    }

    @Test
    void shouldSetGetAddAndCasAgainstTheOriginalServer() throws Exception {
        try (FakeOriginalServer original = new FakeOriginalServer();
            StoreClient client = StoreClient.connect(original.url(), StoreFixture.quick(), LinkSecurity.PLAINTEXT)) {
            client.set("k1", ascii("v"));
            final RawFrame set = original.requests().poll(5, TimeUnit.SECONDS);
            assertNotNull(set);
            assertEquals(0, set.type());
            assertEquals(0, set.result());
            assertEquals(0, set.crc());
            assertEquals(SET_K1_V.replace(" ", ""), hex(set.body()), "our SET request is the original's bytes");

            assertArrayEquals(ascii("v"), client.get("k1", Duration.ZERO));
            final Packed get = RawWire.parse(original.requests().poll(5, TimeUnit.SECONDS).body());
            assertEquals(1, get.type());
            assertEquals(0, get.userDef(), "timeout 0 travels in userDef");
            assertTrue(client.tryGet("absent").isEmpty(), "-404 means absent");

            assertEquals(5, client.add("n", 5));
            assertEquals(3, client.add("n", -2));

            final CasResult created = client.cas("lock", new byte[0], ascii("J1"));
            assertTrue(created.swapped());
            assertArrayEquals(new byte[0], created.previous());
            final CasResult lost = client.cas("lock", ascii("J0"), ascii("J2"));
            assertFalse(lost.swapped());
            assertArrayEquals(ascii("J1"), lost.previous());
            assertArrayEquals(ascii("J1"), client.get("lock", Duration.ZERO));
        }
    }

    @Test
    void shouldUnwatchCleanlyWhenTheOriginalServerRejectsUnwatchAsInvalid() throws Exception {
        try (FakeOriginalServer original = new FakeOriginalServer();
            StoreClient client = StoreClient.connect(original.url(), StoreFixture.quick(), LinkSecurity.PLAINTEXT)) {
            final List<String> fired = new CopyOnWriteArrayList<>();
            final long id = client.watch("w", (result, key, value) -> fired.add(key + "=" + new String(value)));
            Await.until(() -> original.parkedCount() == 1, () -> "watch parked on the original server");
            original.requests().clear();

            client.unwatch(id);
            final RawFrame unwatch = original.requests().poll(5, TimeUnit.SECONDS);
            assertNotNull(unwatch, "our client tells the server about the unwatch");
            final Packed m = RawWire.parse(unwatch.body());
            assertEquals(10, m.type(), "UNWATCH is message type 10");
            assertEquals(id, m.userDef(), "userDef carries the watch's seqNo");
            Await.until(() -> original.unknownTypes() == 1, () -> "original answered -400");

            // the original keeps its waiter and answers it when the key appears: the client must drop that reply
            client.set("w", ascii("late"));
            client.set("after", ascii("x"));
            assertArrayEquals(ascii("x"), client.get("after", Duration.ZERO));
            assertTrue(client.isConnected(), "the -400 and the late reply did not break the link");
            assertEquals(0L, client.counters().snapshot().get("linkBreaks"));
            assertTrue(fired.isEmpty(), "an unwatched key must not notify: " + fired);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static RawFrame ok(final RawFrame f) {
        assertEquals(0, f.result(), () -> "result of seqNo " + f.seqNo() + ": " + f.text());
        return f;
    }
}
