package org.memfabric.configstore.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.configstore.wire.RawWire.ascii;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.configstore.StoreFixture;

/**
 * Seeded fuzzing of {@link Handshake#decode}, {@link FrameHeader#decode} and {@link StoreMessage#decode}, then of a
 * live server.
 *
 * <p>Decoder invariant: every input (valid messages mutated by bit flips, byte edits, truncation, extension, length-,
 * count- and type-field edits, chunk insertion and deletion and splices, plus pure random bytes) either decodes to a
 * message whose re-encoding is the same bytes (where the format has no free bits) and decodes to an equal message, or
 * is refused with a {@link WireFormatException}. Nothing else may escape (no IndexOutOfBounds, NegativeArraySize,
 * BufferUnderflow, OutOfMemoryError), and one decode never allocates more than a few times its input: lengths the
 * input claims are never allocated before they are checked.
 *
 * <p>Network phase: raw links send mutated frames to a live server (see {@link NetworkFuzz}) while a well-behaved
 * client keeps setting and reading back its keys; at the end every key it stored is intact and the server still
 * accepts links.
 *
 * <p>The run takes {@code memfabric.fuzz.seconds} (default 45) in total, two thirds decoding and one third network.
 * The seed is printed; replay with {@code -Dmemfabric.fuzz.seed=<seed>}. Long run (30 minutes):
 * <pre>
 * ./mvnw -pl bundles/configstore -Pfuzz-long test -Dtest=DecoderFuzzTest
 * </pre>
 */
class DecoderFuzzTest {
    static final long SEED = Long.getLong("memfabric.fuzz.seed", new SplittableRandom().nextLong());
    static final int SECONDS = Math.max(2, Integer.getInteger("memfabric.fuzz.seconds", 45));
    private static final int DECODER_SECONDS = SECONDS * 2 / 3;
    private static final int NETWORK_SECONDS = SECONDS - DECODER_SECONDS;
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final long ALLOCATION_SLACK_BYTES = 256 * 1024;

    private final StoreFixture fixture = new StoreFixture();
    private final com.sun.management.ThreadMXBean threads = allocationMeter();
    private final Map<String, Long> rejections = new TreeMap<>();
    private long accepted;
    private long rounds;
    /** Keeps the meter's probe allocation observable. */
    private byte[] sink;

    @BeforeAll
    static void printSeed() {
        System.out.println("DecoderFuzzTest: seed=" + SEED + ", seconds=" + SECONDS + " (replay with -Dmemfabric.fuzz.seed="
            + SEED + ")");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldNotAllocateWhatALengthFieldClaimsBeforeCheckingTheBody() {
        if (threads != null) {
            final long probeBefore = allocatedBytes();
            sink = new byte[2 * 1024 * 1024];
            assertTrue(allocatedBytes() - probeBefore >= sink.length, "the allocation meter sees allocations");
        }
        final long[] claims = {WireLimits.MAX_VALUE_BYTES, WireLimits.MAX_DECODED_KEY_BYTES, 0x7FFF_FFFFL, -1};
        for (final long claim : claims) {
            final byte[] tail = new RawWire.Le().u64(1).u64(1).bytes(ascii("k")).u64(10).u64(claim).bytes(new byte[40])
                .toArray();
            final byte[] body = new RawWire.Le().u64(18L + tail.length).u64(-1).i16(0).bytes(tail).toArray();
            assertThrows(WireFormatException.class, () -> StoreMessage.decode(body)); // warm the error path up
            final long before = allocatedBytes();
            assertThrows(WireFormatException.class, () -> StoreMessage.decode(body));
            final long allocated = allocatedBytes() - before;
            assertTrue(threads == null || allocated < 1024 * 1024,
                "decoder allocated for a claimed length: claim=" + claim + ", allocatedBytes=" + allocated);
        }
    }

    @Test
    void shouldOnlyDecodeOrRefuseMutatedAndRandomWireBytes() {
        assertTimeoutPreemptively(Duration.ofSeconds(DECODER_SECONDS + 60L), this::fuzzDecoders);
    }

    @Test
    void shouldKeepServingAWellBehavedClientWhileRawLinksSendMutatedFrames() {
        assertTimeoutPreemptively(Duration.ofSeconds(NETWORK_SECONDS + 90L),
            () -> new NetworkFuzz(fixture, SEED, Duration.ofSeconds(NETWORK_SECONDS)).run());
    }

    // ------------------------------------------------------------------ decoder phase

    private void fuzzDecoders() {
        final Random random = new Random(SEED);
        final WireMutator mutator = new WireMutator(random);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DECODER_SECONDS);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 512; i++) {
                oneRound(random, mutator);
            }
        }
        final long refused = rejections.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("DecoderFuzzTest decoders: seed=" + SEED + ", rounds=" + rounds + ", accepted=" + accepted
            + ", refused=" + refused + ", allocationChecked=" + (threads != null));
        rejections.forEach((why, n) -> System.out.println("  refused " + n + " x " + why));
        if (rounds >= 100_000) {
            // a fuzzer that only ever hits one check proves little: insist it reached the deep ones
            assertTrue(rejections.size() >= 10, "too few distinct refusals reached: " + rejections.keySet());
            assertTrue(accepted > rounds / 100, "too few inputs decoded: accepted=" + accepted + ", rounds=" + rounds);
        }
    }

    private void oneRound(final Random random, final WireMutator mutator) {
        rounds++;
        final int pick = random.nextInt(100);
        if (pick < 60) {
            final int how = random.nextInt(100);
            checkStoreMessage(how < 10 ? mutator.validMessage()
                : how < 85 ? mutator.mutateMessage(mutator.validMessage()) : randomBody(random, mutator));
        } else if (pick < 80) {
            final int how = random.nextInt(100);
            checkFrameHeader(how < 10 ? mutator.validHeader(random.nextInt(1 << 20))
                : how < 80 ? mutator.mutateFixed(mutator.validHeader(random.nextInt(1 << 20))) : mutator.randomBytes(24));
        } else {
            final int how = random.nextInt(100);
            checkHandshake(how < 10 ? mutator.validHandshake()
                : how < 80 ? mutator.mutateFixed(mutator.validHandshake()) : mutator.randomBytes(24));
        }
    }

    private static byte[] randomBody(final Random random, final WireMutator mutator) {
        final byte[] b = mutator.randomBytes(256);
        if (b.length >= 8 && random.nextBoolean()) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, b.length);
        }
        return b;
    }

    private void checkStoreMessage(final byte[] input) {
        final StoreMessage m = measured(input, () -> StoreMessage.decode(input));
        if (m == null) {
            return;
        }
        final byte[] again = m.encode();
        assertArrayEquals(input, again, () -> failure("re-encoding differs", input));
        final StoreMessage m2 = StoreMessage.decode(again);
        assertEquals(m.type(), m2.type(), () -> failure("type differs after a round trip", input));
        assertEquals(m.userDef(), m2.userDef(), () -> failure("userDef differs after a round trip", input));
        assertEntriesEqual(m.keys(), m2.keys(), input);
        assertEntriesEqual(m.values(), m2.values(), input);
        assertTrue(m.keys().size() <= WireLimits.MAX_ENTRIES && m.values().size() <= WireLimits.MAX_ENTRIES,
            () -> failure("too many entries accepted", input));
        for (final byte[] k : m.keys()) {
            assertTrue(k.length <= WireLimits.MAX_DECODED_KEY_BYTES, () -> failure("long key accepted", input));
        }
    }

    private void assertEntriesEqual(final List<byte[]> a, final List<byte[]> b, final byte[] input) {
        assertEquals(a.size(), b.size(), () -> failure("entry count differs after a round trip", input));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), () -> failure("entry differs after a round trip", input));
        }
    }

    private void checkFrameHeader(final byte[] input) {
        final FrameHeader h = measured(input, () -> FrameHeader.decode(input));
        if (h == null) {
            return;
        }
        assertTrue(h.type() >= 0 && h.type() <= WireLimits.MAX_FRAME_TYPE, () -> failure("type out of range", input));
        assertTrue(h.bodyLength() >= 0 && h.bodyLength() <= WireLimits.MAX_BODY_BYTES,
            () -> failure("body length out of range accepted", input));
        final ByteBuffer b = FrameHeader.newBuffer();
        h.encodeTo(b);
        final byte[] again = b.array();
        // the crc field (bytes 12..15) is reserved and always written as 0
        assertArrayEquals(Arrays.copyOf(input, 12), Arrays.copyOf(again, 12), () -> failure("re-encoding differs", input));
        final FrameHeader h2 = FrameHeader.decode(again);
        assertEquals(h.type(), h2.type(), () -> failure("type differs after a round trip", input));
        assertEquals(h.result(), h2.result(), () -> failure("result differs after a round trip", input));
        assertEquals(h.bodyLength(), h2.bodyLength(), () -> failure("length differs after a round trip", input));
        assertEquals(h.seqNo(), h2.seqNo(), () -> failure("seqNo differs after a round trip", input));
    }

    private void checkHandshake(final byte[] input) {
        final Handshake h = measured(input, () -> Handshake.decode(input));
        if (h == null) {
            return;
        }
        assertEquals(Handshake.LENGTH, input.length, () -> failure("wrong length accepted", input));
        final byte[] again = h.encode();
        // bytes 4..7 are padding, always written as 0
        assertArrayEquals(Arrays.copyOf(input, 4), Arrays.copyOf(again, 4), () -> failure("re-encoding differs", input));
        assertArrayEquals(Arrays.copyOfRange(input, 8, 16), Arrays.copyOfRange(again, 8, 16),
            () -> failure("re-encoding differs", input));
        final Handshake h2 = Handshake.decode(again);
        assertEquals(h.magic(), h2.magic(), () -> failure("magic differs after a round trip", input));
        assertEquals(h.version(), h2.version(), () -> failure("version differs after a round trip", input));
        assertEquals(h.worldSize(), h2.worldSize(), () -> failure("world size differs after a round trip", input));
        assertEquals(h.rank(), h2.rank(), () -> failure("rank differs after a round trip", input));
    }

    /** A decode that must return or throw {@link WireFormatException}, within the allocation bound. */
    private interface Decode<T> {
        T run();
    }

    private <T> T measured(final byte[] input, final Decode<T> decode) {
        final long before = allocatedBytes();
        final T result = decodeOrNull(input, decode);
        final long allocated = allocatedBytes() - before;
        final long bound = 4L * input.length + ALLOCATION_SLACK_BYTES;
        if (threads != null && rounds > WARM_UP_ROUNDS && allocated > bound) {
            // measure again: the first use of a code path may bootstrap (string concatenation, class loading)
            final long retryBefore = allocatedBytes();
            decodeOrNull(input, decode);
            final long retried = allocatedBytes() - retryBefore;
            assertTrue(retried <= bound, () -> failure("decode allocated too much: allocatedBytes=" + retried
                + ", bound=" + bound, input));
        }
        if (result != null) {
            accepted++;
        }
        return result;
    }

    private <T> T decodeOrNull(final byte[] input, final Decode<T> decode) {
        try {
            return assertNotNullResult(decode.run(), input);
        } catch (final WireFormatException e) {
            final String message = String.valueOf(e.getMessage());
            final int colon = message.indexOf(':');
            rejections.merge(colon < 0 ? message : message.substring(0, colon), 1L, Long::sum);
            return null;
        } catch (final Throwable t) {
            throw new AssertionError(failure("decoder threw " + t, input), t);
        }
    }

    private <T> T assertNotNullResult(final T result, final byte[] input) {
        assertNotNull(result, () -> failure("decoder returned null", input));
        return result;
    }

    private String failure(final String what, final byte[] input) {
        final String hex = RawWire.hex(Arrays.copyOf(input, Math.min(input.length, 512)));
        return what + ": seed=" + SEED + " (replay with -Dmemfabric.fuzz.seed=" + SEED + "), round=" + rounds
            + ", length=" + input.length + ", input=" + hex + (input.length > 512 ? "..." : "");
    }

    private long allocatedBytes() {
        return threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean allocationMeter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean) {
            final com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            if (t.isThreadAllocatedMemorySupported()) {
                t.setThreadAllocatedMemoryEnabled(true);
                return t;
            }
        }
        System.out.println("DecoderFuzzTest: thread allocation accounting unavailable, allocation bound not checked");
        return null;
    }
}
