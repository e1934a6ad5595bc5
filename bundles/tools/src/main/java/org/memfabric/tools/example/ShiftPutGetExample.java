package org.memfabric.tools.example;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.memfabric.api.shm.ShareMemory;

/**
 * The shift put/get example: rank r puts its pattern into rank (r+1)%N's slot, a barrier, then gets from rank
 * (r-1+N)%N's slot (which holds rank (r-2+N)%N's pattern) and reads its own slot (which holds rank (r-1+N)%N's),
 * and checks both byte by byte. Stateless.
 */
public final class ShiftPutGetExample {
    /** The example word. */
    public static final String NAME = "shift-put-get";
    /** Bytes each rank puts. */
    static final int SIZE = 1 << 20;

    private ShiftPutGetExample() {
    }

    /** Byte i of rank r's pattern. */
    static byte at(final int rank, final int index) {
        return (byte) (index * 131 + rank * 17 + (index >>> 8) + 1);
    }

    static ByteBuffer pattern(final int rank) {
        final ByteBuffer b = ByteBuffer.allocateDirect(SIZE);
        for (int i = 0; i < SIZE; i++) {
            b.put(i, at(rank, i));
        }
        return b;
    }

    /**
     * Runs the example on one rank (collective: every rank calls it).
     *
     * @param shm the symmetric object
     * @return empty when both reads verified, else the first mismatch
     */
    public static Optional<String> run(final ShareMemory shm) {
        final int r = shm.localRank();
        final int n = shm.rankSize();
        final int next = (r + 1) % n;
        final int prev = (r - 1 + n) % n;
        shm.put(next, 0, pattern(r));
        shm.barrier();
        final ByteBuffer fromPrev = ByteBuffer.allocateDirect(SIZE);
        shm.get(prev, 0, fromPrev);
        final ByteBuffer own = ByteBuffer.allocateDirect(SIZE);
        shm.get(r, 0, own);
        shm.barrier();
        final Optional<String> remote = check(fromPrev, (prev - 1 + n) % n, "get from rank " + prev);
        return remote.isPresent() ? remote : check(own, prev, "own slot");
    }

    /**
     * Checks a buffer against a rank's pattern.
     *
     * @param b the bytes read
     * @param writer the rank whose pattern is expected
     * @param what what was read (for the message)
     * @return the first mismatch, described, or empty
     */
    public static Optional<String> check(final ByteBuffer b, final int writer, final String what) {
        if (b.capacity() != SIZE) {
            return Optional.of("shift-put-get read has the wrong size: what=" + what + ", size=" + b.capacity());
        }
        for (int i = 0; i < SIZE; i++) {
            if (b.get(i) != at(writer, i)) {
                return Optional.of("shift-put-get mismatch: what=" + what + ", writer=" + writer + ", index=" + i
                    + ", expected=" + at(writer, i) + ", actual=" + b.get(i));
            }
        }
        return Optional.empty();
    }
}
