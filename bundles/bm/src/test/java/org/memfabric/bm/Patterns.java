package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Test patterns and checksums over direct buffers. */
final class Patterns {
    private Patterns() {
    }

    static byte at(final long index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 9) + 1);
    }

    static ByteBuffer filled(final int sizeBytes, final int seed) {
        final ByteBuffer b = ByteBuffer.allocateDirect(sizeBytes);
        for (int i = 0; i < sizeBytes; i++) {
            b.put(i, at(i, seed));
        }
        return b;
    }

    static long crc(final ByteBuffer b, final int from, final int length) {
        final CRC32 crc = new CRC32();
        crc.update(b.duplicate().clear().position(from).limit(from + length));
        return crc.getValue();
    }

    static void assertPattern(final ByteBuffer b, final int from, final int length, final int seed) {
        for (int i = 0; i < length; i++) {
            if (b.get(from + i) != at(i, seed)) {
                fail("pattern mismatch: index=" + (from + i) + ", expected=" + at(i, seed) + ", actual="
                    + b.get(from + i) + ", seed=" + seed);
            }
        }
    }
}
