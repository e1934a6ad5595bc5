package org.memfabric.tools.transbench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The data of a benchmark step and its checksum: {@link #fill} writes a pattern that depends on a seed (every step
 * uses a new seed, so bytes left over from an earlier step never pass for new ones), {@link #crc32c} checksums the
 * first bytes of a region. Both also touch every page, so {@link #fill} doubles as pre-faulting. Stateless.
 */
final class BlockPattern {
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private BlockPattern() {
    }

    /**
     * Fills the first {@code lengthBytes} of a buffer (absolute positions, the buffer's position is not used).
     *
     * @param buffer a buffer of at least {@code lengthBytes}
     * @param lengthBytes how many bytes
     * @param seed the step's seed
     */
    static void fill(final ByteBuffer buffer, final long lengthBytes, final long seed) {
        final ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        final int length = Math.toIntExact(lengthBytes);
        final long base = (seed + 1) * GOLDEN;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            b.putLong(i, mix(base + i));
        }
        for (; i < length; i++) {
            b.put(i, (byte) mix(base + i));
        }
    }

    private static long mix(final long x) {
        long z = x * GOLDEN;
        z ^= z >>> 29;
        return z;
    }

    /**
     * CRC32C of the first {@code lengthBytes} of a buffer.
     *
     * @param buffer a buffer of at least {@code lengthBytes}
     * @param lengthBytes how many bytes
     * @return the checksum
     */
    static long crc32c(final ByteBuffer buffer, final long lengthBytes) {
        final ByteBuffer view = buffer.duplicate();
        view.clear().limit(Math.toIntExact(lengthBytes));
        final CRC32C crc = new CRC32C();
        crc.update(view);
        return crc.getValue();
    }
}
