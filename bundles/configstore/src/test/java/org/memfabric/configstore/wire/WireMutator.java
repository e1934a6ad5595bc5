package org.memfabric.configstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Produces valid wire bytes (built with the hand-written {@link RawWire} packer) and mutations of them: bit flips,
 * byte edits, truncation, extension, length-, count- and type-field edits, chunk insertion and deletion, splices of
 * two messages, and pure random bytes. Half of the mutated store messages get their {@code totalSize} fixed up so that
 * the decoder's deeper checks are reached too.
 *
 * <p>Not thread-safe: one instance per thread, each with its own seeded {@link Random}.
 */
final class WireMutator {
    /** u64 values that sit on or next to a limit of the format. */
    private static final long[] INTERESTING = {
        0, 1, 2, 7, 8, 9, 10, 11, 12, 16, 33, 34, 35, 1023, 1024, 1025, 2047, 2048, 2049, 65_535, 65_536,
        WireLimits.MAX_VALUE_BYTES - 1L, WireLimits.MAX_VALUE_BYTES, WireLimits.MAX_VALUE_BYTES + 1L,
        WireLimits.MAX_BODY_BYTES, WireLimits.MAX_BODY_BYTES + 1L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
        0x1_0000_0000L, 0x1_0000_0001L, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};
    private static final byte[] INTERESTING_BYTES = {0, 1, 9, 10, 11, 0x2F, 0x30, 0x7F, (byte) 0x80, (byte) 0xFF};

    private final Random random;

    WireMutator(final Random random) {
        this.random = random;
    }

    // ------------------------------------------------------------------ valid inputs

    /**
     * A valid store message of any type 0..10, mostly small, sometimes with keys or values on the limits.
     *
     * @return the body
     */
    byte[] validMessage() {
        final int type = random.nextInt(11);
        final int keyCount = random.nextInt(8) == 0 ? random.nextInt(WireLimits.MAX_ENTRIES + 1) : 1;
        final int valueCount = random.nextInt(8) == 0 ? random.nextInt(WireLimits.MAX_ENTRIES + 1) : random.nextInt(3);
        final List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add(bytes(keyLength()));
        }
        final List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < valueCount; i++) {
            values.add(bytes(valueLength()));
        }
        final long userDef = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(3) - 1;
        return RawWire.message(type, userDef, keys, values);
    }

    private int keyLength() {
        switch (random.nextInt(40)) {
            case 0:
                return WireLimits.MAX_KEY_BYTES + random.nextInt(2);
            case 1:
                return WireLimits.MAX_DECODED_KEY_BYTES;
            case 2:
                return 0;
            default:
                return 1 + random.nextInt(24);
        }
    }

    private int valueLength() {
        switch (random.nextInt(50)) {
            case 0:
                return 1 + random.nextInt(16 * 1024);
            case 1:
                return 0;
            default:
                return random.nextInt(48);
        }
    }

    /**
     * A valid frame header for a body of the given length.
     *
     * @param bodyLength the body length
     * @return 16 bytes
     */
    byte[] validHeader(final int bodyLength) {
        return RawWire.header(random.nextInt(4) == 0 ? random.nextInt(WireLimits.MAX_FRAME_TYPE + 1) : 0,
            random.nextInt(4) == 0 ? random.nextInt(65_536) : 0, bodyLength, random.nextInt());
    }

    /**
     * A handshake with any fields (magic and version mostly 0).
     *
     * @return 16 bytes
     */
    byte[] validHandshake() {
        return RawWire.handshake(random.nextInt(4) == 0 ? random.nextInt(65_536) : 0,
            random.nextInt(4) == 0 ? random.nextInt(65_536) : 0, random.nextInt(1025),
            random.nextBoolean() ? 0xFFFF_FFFFL : random.nextInt(1025));
    }

    /**
     * Uniformly random bytes.
     *
     * @param maxLength the longest length
     * @return 0..maxLength bytes
     */
    byte[] randomBytes(final int maxLength) {
        return bytes(random.nextInt(maxLength + 1));
    }

    private byte[] bytes(final int length) {
        final byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ mutations

    /**
     * One to three mutations of a valid store message, then maybe a fixed-up {@code totalSize}.
     *
     * @param valid a valid body (not changed)
     * @return a mutated copy
     */
    byte[] mutateMessage(final byte[] valid) {
        byte[] m = valid.clone();
        final List<Integer> u64Fields = u64FieldOffsets(valid);
        final int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            m = mutateOnce(m, u64Fields);
        }
        if (m.length >= 8 && random.nextBoolean()) {
            putU64(m, 0, m.length);
        }
        return m;
    }

    private byte[] mutateOnce(final byte[] in, final List<Integer> u64Fields) {
        switch (random.nextInt(10)) {
            case 0:
                return flipBits(in);
            case 1:
                return setByte(in);
            case 2:
                return in.length == 0 ? in : Arrays.copyOf(in, random.nextInt(in.length));
            case 3:
                return concat(in, bytes(1 + random.nextInt(16)));
            case 4:
            case 5:
                return editU64(in, u64Fields);
            case 6:
                return editType(in);
            case 7:
                return splice(in, validMessage());
            case 8:
                return insertChunk(in);
            default:
                return deleteChunk(in);
        }
    }

    /**
     * One to three mutations of 16 header or handshake bytes, possibly changing the length.
     *
     * @param valid the bytes (not changed)
     * @return a mutated copy
     */
    byte[] mutateFixed(final byte[] valid) {
        byte[] m = valid.clone();
        final int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> m = flipBits(m);
                case 2 -> m = setByte(m);
                case 3 -> m = m.length == 0 ? m : Arrays.copyOf(m, random.nextInt(m.length));
                case 4 -> m = concat(m, bytes(1 + random.nextInt(8)));
                default -> {
                    if (m.length >= 8) {
                        final int at = 4 * random.nextInt(m.length / 4 - 1);
                        putU32(m, at, INTERESTING[random.nextInt(INTERESTING.length)]);
                    }
                }
            }
        }
        return m;
    }

    private byte[] flipBits(final byte[] in) {
        if (in.length == 0) {
            return in;
        }
        final byte[] out = in.clone();
        final int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] setByte(final byte[] in) {
        if (in.length == 0) {
            return in;
        }
        final byte[] out = in.clone();
        out[random.nextInt(out.length)] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
        return out;
    }

    private byte[] editU64(final byte[] in, final List<Integer> u64Fields) {
        final int at = u64Fields.get(random.nextInt(u64Fields.size()));
        if (at + 8 > in.length) {
            return in;
        }
        final byte[] out = in.clone();
        final long original = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
        final long value;
        switch (random.nextInt(4)) {
            case 0 -> value = original + 1 + random.nextInt(64);
            case 1 -> value = original - 1 - random.nextInt(64);
            case 2 -> value = random.nextLong();
            default -> value = INTERESTING[random.nextInt(INTERESTING.length)];
        }
        putU64(out, at, value);
        return out;
    }

    private byte[] editType(final byte[] in) {
        if (in.length < 18) {
            return in;
        }
        final byte[] out = in.clone();
        final int[] types = {-1, 9, 10, 11, 12, 47, 48, 0x7FFF, -0x8000, random.nextInt(65_536)};
        final int type = types[random.nextInt(types.length)];
        out[16] = (byte) type;
        out[17] = (byte) (type >> 8);
        return out;
    }

    private byte[] splice(final byte[] a, final byte[] b) {
        final int head = random.nextInt(a.length + 1);
        final int tailFrom = random.nextInt(b.length + 1);
        return concat(Arrays.copyOf(a, head), Arrays.copyOfRange(b, tailFrom, b.length));
    }

    private byte[] insertChunk(final byte[] in) {
        final int at = random.nextInt(in.length + 1);
        final byte[] chunk = random.nextBoolean() ? bytes(1 + random.nextInt(32))
            : Arrays.copyOfRange(in, random.nextInt(in.length + 1), in.length);
        return concat(concat(Arrays.copyOf(in, at), chunk), Arrays.copyOfRange(in, at, in.length));
    }

    private byte[] deleteChunk(final byte[] in) {
        if (in.length == 0) {
            return in;
        }
        final int from = random.nextInt(in.length);
        final int to = Math.min(in.length, from + 1 + random.nextInt(32));
        return concat(Arrays.copyOf(in, from), Arrays.copyOfRange(in, to, in.length));
    }

    // ------------------------------------------------------------------ layout knowledge

    /**
     * Offsets of the u64 size fields of a valid message: totalSize, keyCount, key lengths, valueCount, value lengths.
     *
     * @param valid a valid body
     * @return the offsets
     */
    static List<Integer> u64FieldOffsets(final byte[] valid) {
        final ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        final List<Integer> offsets = new ArrayList<>();
        offsets.add(0);
        int at = 18;
        for (int section = 0; section < 2; section++) {
            offsets.add(at);
            final long count = b.getLong(at);
            at += 8;
            for (long i = 0; i < count; i++) {
                offsets.add(at);
                at += 8 + (int) b.getLong(at);
            }
        }
        return offsets;
    }

    static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void putU64(final byte[] target, final int at, final long value) {
        ByteBuffer.wrap(target).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private static void putU32(final byte[] target, final int at, final long value) {
        ByteBuffer.wrap(target).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
    }
}
