package org.memfabric.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Test patterns and checksums over byte buffers. Threading: stateless, every method may be called from any thread;
 * a buffer passed in must not be written by another thread meanwhile.
 *
 * <p>A pattern byte depends on its index and a seed, so that it differs for neighbouring indices and for different
 * seeds, plus a block term that keeps whole blocks from looking alike. There are two patterns, one a family of
 * methods, which must not be mixed:
 * <ul>
 *   <li>{@link #at(long, int)}, {@link #filled(int, int)}, {@link #crc(ByteBuffer, int, int)},
 *       {@link #assertPattern(ByteBuffer, int, int, int)}: the block term changes every 512 bytes;</li>
 *   <li>{@link #fineAt(long, int)}, {@link #fillFine(ByteBuffer, int)},
 *       {@link #firstFineMismatch(ByteBuffer, int)}: the block term changes every 256 bytes, so a copy misplaced by
 *       256 bytes differs too.</li>
 * </ul>
 */
public final class Patterns {
    private Patterns() {
    }

    /**
     * The pattern byte at {@code index} for {@code seed}, block term every 512 bytes.
     *
     * @param index the byte index from the start of the pattern
     * @param seed the seed
     * @return the byte
     */
    public static byte at(final long index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 9) + 1);
    }

    /**
     * A new direct buffer of {@code sizeBytes} holding the pattern of {@code seed} ({@link #at(long, int)}).
     *
     * @param sizeBytes the capacity
     * @param seed the seed
     * @return the buffer, position 0 and limit {@code sizeBytes}
     */
    public static ByteBuffer filled(final int sizeBytes, final int seed) {
        return filled(sizeBytes, seed, true);
    }

    /**
     * A new direct or heap buffer of {@code sizeBytes} holding the pattern of {@code seed} ({@link #at(long, int)}).
     *
     * @param sizeBytes the capacity
     * @param seed the seed
     * @param direct true for a direct buffer, false for a heap buffer
     * @return the buffer, position 0 and limit {@code sizeBytes}
     */
    public static ByteBuffer filled(final int sizeBytes, final int seed, final boolean direct) {
        final ByteBuffer b = direct ? ByteBuffer.allocateDirect(sizeBytes) : ByteBuffer.allocate(sizeBytes);
        for (int i = 0; i < sizeBytes; i++) {
            b.put(i, at(i, seed));
        }
        return b;
    }

    /**
     * The CRC-32 of the bytes of {@code b} between its position and its limit; {@code b} is not changed.
     *
     * @param b the buffer
     * @return the checksum
     */
    public static long crc(final ByteBuffer b) {
        final CRC32 crc = new CRC32();
        crc.update(b.duplicate());
        return crc.getValue();
    }

    /**
     * The CRC-32 of {@code length} bytes of {@code b} from absolute index {@code from}, whatever its position and
     * limit; {@code b} is not changed.
     *
     * @param b the buffer
     * @param from the first index
     * @param length how many bytes
     * @return the checksum
     */
    public static long crc(final ByteBuffer b, final int from, final int length) {
        final CRC32 crc = new CRC32();
        crc.update(b.duplicate().clear().position(from).limit(from + length));
        return crc.getValue();
    }

    /**
     * Fails the test unless the {@code length} bytes of {@code b} from absolute index {@code from} are the pattern
     * of {@code seed} ({@link #at(long, int)}) from its start, naming the first index that differs.
     *
     * @param b the buffer
     * @param from the index in {@code b} of the pattern's first byte
     * @param length how many bytes
     * @param seed the seed
     */
    public static void assertPattern(final ByteBuffer b, final int from, final int length, final int seed) {
        for (int i = 0; i < length; i++) {
            if (b.get(from + i) != at(i, seed)) {
                fail("pattern mismatch: index=" + (from + i) + ", expected=" + at(i, seed) + ", actual="
                    + b.get(from + i) + ", seed=" + seed);
            }
        }
    }

    /**
     * The fine pattern byte at {@code index} for {@code seed}, block term every 256 bytes.
     *
     * @param index the byte index from the start of the pattern
     * @param seed the seed
     * @return the byte
     */
    public static byte fineAt(final long index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 8) + 1);
    }

    /**
     * Writes the fine pattern of {@code seed} ({@link #fineAt(long, int)}) into every byte of {@code buffer} up to
     * its capacity, by absolute index; its position and limit are not changed.
     *
     * @param buffer the buffer
     * @param seed the seed
     */
    public static void fillFine(final ByteBuffer buffer, final int seed) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, fineAt(i, seed));
        }
    }

    /**
     * The first index of {@code buffer}, up to its capacity, that differs from the fine pattern of {@code seed}
     * ({@link #fineAt(long, int)}).
     *
     * @param buffer the buffer
     * @param seed the seed
     * @return the index, or -1 when every byte matches
     */
    public static int firstFineMismatch(final ByteBuffer buffer, final int seed) {
        for (int i = 0; i < buffer.capacity(); i++) {
            if (buffer.get(i) != fineAt(i, seed)) {
                return i;
            }
        }
        return -1;
    }
}
