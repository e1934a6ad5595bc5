package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.assertPattern;
import static org.memfabric.transport.tcp.TcpTestSupport.assertZeros;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.tcp.TcpTestSupport.RawLink;

/**
 * Bytes that do not follow the protocol, sent with a raw socket: the owner closes that link without touching region
 * memory, counts a protocol error, and every other link keeps working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpBadInputTest {
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int REGION_BYTES = 4096;
    private static final long OWNER_TIMEOUT_MS = 1000;
    private static final int RAW_READ_TIMEOUT_MS = 15_000;

    private TcpTransport transport;
    private TransportEndpoint owner;
    private TransportEndpoint requester;
    private RegisteredRegion region;
    private RegionDescriptor remote;
    private PeerConnection bystander;

    @BeforeEach
    void open() {
        transport = TcpTestSupport.transport(settings -> settings.chunkSizeBytes(CHUNK_BYTES));
        owner = transport.open(config("bad-input-owner", OWNER_TIMEOUT_MS));
        requester = transport.open(config("bad-input-requester", 10_000));
        region = owner.registerRegion(ByteBuffer.allocateDirect(REGION_BYTES));
        remote = region.descriptor();
        bystander = requester.connect(owner.descriptor());
        bystander.write(pattern(16, 1), remote, 0);
        bystander.read(remote, 0, ByteBuffer.allocateDirect(16));
        region.memory().put(0, new byte[16]);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void shouldCloseALinkWhoseHelloIsGarbage() throws Exception {
        final byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5a);
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.send(garbage);
            assertTrue(raw.closedByPeer(), "a garbage hello must close the link");
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldCloseALinkWhoseHelloHasABadAddressLength() throws Exception {
        final ByteBuffer hello = TcpWireDescriptor.encodeHello("x".getBytes(StandardCharsets.UTF_8), 0);
        hello.putShort(TcpWireDescriptor.HELLO_ADDRESS_LENGTH_OFFSET, (short) 5000);
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.send(hello);
            assertTrue(raw.closedByPeer());
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldRefuseAnotherMajorVersionWithAWelcomeThenClose() throws Exception {
        final ByteBuffer hello = TcpWireDescriptor.encodeHello("x".getBytes(StandardCharsets.UTF_8), 0);
        hello.put(TcpWireDescriptor.HELLO_MAJOR_OFFSET, (byte) (TcpWireDescriptor.PROTOCOL_MAJOR + 1));
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.send(hello);
            final ByteBuffer welcome = ByteBuffer.wrap(raw.readExactly(TcpWireDescriptor.WELCOME_LENGTH))
                .order(TcpWireDescriptor.ORDER);
            assertEquals(TcpWireDescriptor.WELCOME_VERSION_REFUSED,
                welcome.get(TcpWireDescriptor.WELCOME_STATUS_OFFSET));
            final String problem = TcpWireDescriptor.checkWelcome(welcome);
            assertTrue(problem != null && problem.startsWith("tcp protocol not compatible: app=1.0, peer=1.0"),
                problem);
            assertTrue(raw.closedByPeer());
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldCloseALinkWhoseRequestHeaderIsTruncatedByTheEndOfTheStream() throws Exception {
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            final ByteBuffer request = RawLink.request(TcpWireDescriptor.OPCODE_WRITE, 16, 1, remote.regionId(),
                remote.key(), 0, 16, new byte[0]);
            raw.send(Arrays.copyOf(request.array(), 20));
            raw.shutdownOutput();
            assertTrue(raw.closedByPeer());
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldCloseALinkWhoseRequestHeaderStallsPastTheTimeout() throws Exception {
        final long timeoutsBefore = counter("served.timeouts");
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            final ByteBuffer request = RawLink.request(TcpWireDescriptor.OPCODE_WRITE, 16, 1, remote.regionId(),
                remote.key(), 0, 16, new byte[0]);
            raw.send(Arrays.copyOf(request.array(), 20));
            assertTrue(raw.closedByPeer(), "the owner's watchdog must close a stalled request within its timeout");
        }
        assertEquals(timeoutsBefore + 1, counter("served.timeouts"));
        assertZeros(region.memory(), 0, REGION_BYTES);
        assertOtherLinksWork();
    }

    @Test
    void shouldCloseALinkThatAnnouncesAnOversizedChunk() throws Exception {
        for (final int lengthBytes : new int[] {CHUNK_BYTES + 1, Integer.MAX_VALUE, -1}) {
            try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
                raw.handshake();
                raw.send(RawLink.request(TcpWireDescriptor.OPCODE_WRITE, lengthBytes, 1, remote.regionId(),
                    remote.key(), 0, REGION_BYTES, new byte[64]));
                assertTrue(raw.closedByPeer(), "lengthBytes=" + lengthBytes);
            }
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldCloseALinkWithAnUnknownOpcodeOrReservedBits() throws Exception {
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            raw.send(RawLink.request((byte) 9, 16, 1, remote.regionId(), remote.key(), 0, 16, new byte[16]));
            assertTrue(raw.closedByPeer());
        }
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            final ByteBuffer request = RawLink.request(TcpWireDescriptor.OPCODE_WRITE, 16, 1, remote.regionId(),
                remote.key(), 0, 16, new byte[16]);
            request.put(TcpWireDescriptor.REQUEST_FLAGS_OFFSET, (byte) 0x80);
            raw.send(request);
            assertTrue(raw.closedByPeer());
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldCloseALinkWhoseOpEndLiesBeforeTheChunkEnd() throws Exception {
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            raw.send(RawLink.request(TcpWireDescriptor.OPCODE_WRITE, 16, 1, remote.regionId(), remote.key(), 0, 8,
                new byte[16]));
            assertTrue(raw.closedByPeer());
        }
        assertLinkClosedCleanly();
    }

    @Test
    void shouldDrainARefusedWriteAndKeepTheLinkInStep() throws Exception {
        final byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 0x77);
        try (RawLink raw = new RawLink(owner.descriptor(), RAW_READ_TIMEOUT_MS)) {
            raw.handshake();
            raw.send(RawLink.request(TcpWireDescriptor.OPCODE_WRITE, payload.length, 1, remote.regionId(),
                remote.key() ^ 1, 0, payload.length, payload));
            final ByteBuffer refused = response(raw);
            assertEquals(1, refused.getLong(TcpWireDescriptor.RESPONSE_ID_OFFSET));
            assertEquals(TcpWireDescriptor.STATUS_KEY_MISMATCH, refused.get(TcpWireDescriptor.RESPONSE_STATUS_OFFSET));
            final String message = new String(raw.readExactly(
                refused.getShort(TcpWireDescriptor.RESPONSE_MESSAGE_LENGTH_OFFSET)), StandardCharsets.UTF_8);
            assertTrue(message.startsWith("region access key does not match: "), message);

            region.memory().put(0, (byte) 42);
            raw.send(RawLink.request(TcpWireDescriptor.OPCODE_READ, 1, 2, remote.regionId(), remote.key(), 0, 1,
                new byte[0]));
            final ByteBuffer accepted = response(raw);
            assertEquals(2, accepted.getLong(TcpWireDescriptor.RESPONSE_ID_OFFSET));
            assertEquals(TcpWireDescriptor.STATUS_OK, accepted.get(TcpWireDescriptor.RESPONSE_STATUS_OFFSET));
            assertEquals(1, accepted.getInt(TcpWireDescriptor.RESPONSE_PAYLOAD_LENGTH_OFFSET));
            assertEquals(42, raw.readExactly(1)[0]);
        }
        assertEquals(payload.length, counter("served.drainedBytes"));
        assertZeros(region.memory(), 1, REGION_BYTES - 1);
        assertOtherLinksWork();
    }

    private static ByteBuffer response(final RawLink raw) throws Exception {
        return ByteBuffer.wrap(raw.readExactly(TcpWireDescriptor.RESPONSE_HEADER_LENGTH))
            .order(TcpWireDescriptor.ORDER);
    }

    private long counter(final String name) {
        return owner.counters().get(name);
    }

    /** The link was closed as a protocol error; memory untouched; other links unaffected. */
    private void assertLinkClosedCleanly() throws Exception {
        assertTrue(counter("served.protocolErrors") >= 1, owner.counters().toString());
        assertZeros(region.memory(), 0, REGION_BYTES);
        assertOtherLinksWork();
    }

    private void assertOtherLinksWork() {
        bystander.write(pattern(REGION_BYTES, 5), remote, 0);
        assertPattern(region.memory(), 0, REGION_BYTES, 5);
        try (PeerConnection fresh = requester.connect(owner.descriptor())) {
            final ByteBuffer back = ByteBuffer.allocateDirect(REGION_BYTES);
            fresh.read(remote, 0, back);
            assertPattern(back, 0, REGION_BYTES, 5);
        }
    }
}
