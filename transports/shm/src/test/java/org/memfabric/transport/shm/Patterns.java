package org.memfabric.transport.shm;

import java.nio.ByteBuffer;

/** A test pattern that differs for neighbouring indices and for different seeds. */
final class Patterns {
    private Patterns() {
    }

    static byte at(final long index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 8) + 1);
    }

    static void fill(final ByteBuffer buffer, final int seed) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, at(i, seed));
        }
    }

    /** The first index that differs from the pattern, or -1. */
    static int firstMismatch(final ByteBuffer buffer, final int seed) {
        for (int i = 0; i < buffer.capacity(); i++) {
            if (buffer.get(i) != at(i, seed)) {
                return i;
            }
        }
        return -1;
    }
}
