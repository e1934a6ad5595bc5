package org.memfabric.shm;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Test patterns and checksums. */
final class Patterns {
    private Patterns() {
    }

    static byte at(final long index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 9) + 1);
    }

    static ByteBuffer filled(final int sizeBytes, final int seed, final boolean direct) {
        final ByteBuffer b = direct ? ByteBuffer.allocateDirect(sizeBytes) : ByteBuffer.allocate(sizeBytes);
        for (int i = 0; i < sizeBytes; i++) {
            b.put(i, at(i, seed));
        }
        return b;
    }

    static long crc(final ByteBuffer b) {
        final CRC32 crc = new CRC32();
        crc.update(b.duplicate());
        return crc.getValue();
    }
}
