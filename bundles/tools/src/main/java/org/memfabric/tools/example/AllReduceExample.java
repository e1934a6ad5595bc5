package org.memfabric.tools.example;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.memfabric.api.shm.ShareMemory;

/**
 * The allreduce example: every rank writes its vector of longs into its own region of every rank's slot
 * (offset {@code rank * vectorBytes}), a barrier, then each rank reads the N vectors from its own slot and sums
 * them, and checks every element against the exact expected sum. Stateless.
 */
public final class AllReduceExample {
    /** The example word. */
    public static final String NAME = "allreduce";
    /** Elements per vector. */
    static final int LENGTH = 4096;

    private AllReduceExample() {
    }

    /** Rank r's element i: distinct per rank and index, with high bits set so a sum of bytes would not do. */
    static long element(final int rank, final int index) {
        return (rank + 1) * 0x1_0000_0001L + index * (2L * rank + 3) - 1_000_000_007L * (index % 5);
    }

    /**
     * Runs the example on one rank (collective: every rank calls it).
     *
     * @param shm the symmetric object
     * @return the sums
     */
    public static long[] run(final ShareMemory shm) {
        final int r = shm.localRank();
        final int n = shm.rankSize();
        final int bytes = LENGTH * Long.BYTES;
        final ByteBuffer mine = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < LENGTH; i++) {
            mine.putLong(i * Long.BYTES, element(r, i));
        }
        for (int target = 0; target < n; target++) {
            shm.put(target, (long) r * bytes, mine);
        }
        shm.barrier();
        final ByteBuffer all = ByteBuffer.allocateDirect(n * bytes);
        shm.get(r, 0, all);
        final long[] sum = new long[LENGTH];
        for (int src = 0; src < n; src++) {
            for (int i = 0; i < LENGTH; i++) {
                sum[i] += all.getLong((src * LENGTH + i) * Long.BYTES);
            }
        }
        shm.barrier(); // nobody reuses the window while another rank still reads it
        return sum;
    }

    /**
     * Checks sums against the exact expected values.
     *
     * @param sums the result of {@link #run}
     * @param ranks the number of ranks
     * @return the first wrong element, described, or empty when all are right
     */
    public static Optional<String> check(final long[] sums, final int ranks) {
        if (sums.length != LENGTH) {
            return Optional.of("allreduce result has the wrong length: length=" + sums.length + ", expected=" + LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            long expected = 0;
            for (int r = 0; r < ranks; r++) {
                expected += element(r, i);
            }
            if (sums[i] != expected) {
                return Optional.of("allreduce sum wrong: index=" + i + ", expected=" + expected + ", actual="
                    + sums[i]);
            }
        }
        return Optional.empty();
    }
}
