package org.memfabric.tools.bench;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative durations in nanoseconds: values below {@value #LINEAR_LIMIT} are counted
 * exactly; above, every power-of-two range is split into {@value #SUB_BUCKETS} equal buckets, so a reported
 * percentile is at most 1/{@value #SUB_BUCKETS} (0.8%) above the true value. Mean, minimum and maximum are exact.
 *
 * <pre>
 *   value v                          bucket index
 *   v &lt; 256                          v
 *   2^m &lt;= v &lt; 2^(m+1), m &gt;= 8       (m - 7) * 128 + (v &gt;&gt;&gt; (m - 7))     (v &gt;&gt;&gt; (m - 7) is in 128..255)
 * </pre>
 *
 * <p>Not thread-safe: each measuring thread records into its own histogram; {@link #add} merges them afterwards.
 */
public final class LatencyHistogram {
    /** Values below this are counted in buckets of width 1. */
    static final int LINEAR_LIMIT = 256;
    /** Buckets per power of two above {@link #LINEAR_LIMIT}. */
    static final int SUB_BUCKETS = LINEAR_LIMIT / 2;
    private static final int SUB_BITS = Integer.numberOfTrailingZeros(SUB_BUCKETS); // 7
    private static final int BUCKETS = (63 - SUB_BITS) * SUB_BUCKETS + LINEAR_LIMIT;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sumNs;
    private long minNs = Long.MAX_VALUE;
    private long maxNs;

    /**
     * Counts one duration.
     *
     * @param valueNs the duration in nanoseconds; negative values (a clock anomaly) count as 0
     */
    public void record(final long valueNs) {
        final long v = Math.max(0, valueNs);
        counts[index(v)]++;
        count++;
        sumNs += v;
        minNs = Math.min(minNs, v);
        maxNs = Math.max(maxNs, v);
    }

    static int index(final long v) {
        if (v < LINEAR_LIMIT) {
            return (int) v;
        }
        final int msb = 63 - Long.numberOfLeadingZeros(v);
        final int shift = msb - SUB_BITS;
        return shift * SUB_BUCKETS + (int) (v >>> shift);
    }

    /** The largest value that falls into a bucket. */
    static long highestIn(final int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        final int shift = index / SUB_BUCKETS - 1;
        final long sub = index - (long) shift * SUB_BUCKETS;
        return ((sub + 1) << shift) - 1;
    }

    /**
     * Adds another histogram's counts to this one.
     *
     * @param other the histogram to merge (not modified)
     */
    public void add(final LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sumNs += other.sumNs;
        minNs = Math.min(minNs, other.minNs);
        maxNs = Math.max(maxNs, other.maxNs);
    }

    /**
     * The number of recorded values.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    /**
     * The value at a percentile: the smallest bucket bound at or below which that share of the values lies.
     *
     * @param percentile 0 (exclusive) .. 100
     * @return the value in nanoseconds, at most the recorded maximum; 0 when empty
     */
    public long percentileNs(final double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: percentile=" + percentile);
        }
        if (count == 0) {
            return 0;
        }
        final long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestIn(i), maxNs);
            }
        }
        return maxNs;
    }

    /**
     * The exact mean.
     *
     * @return the mean in nanoseconds; 0 when empty
     */
    public double meanNs() {
        return count == 0 ? 0 : (double) sumNs / count;
    }

    /**
     * The exact maximum.
     *
     * @return the largest value in nanoseconds; 0 when empty
     */
    public long maxNs() {
        return maxNs;
    }

    /**
     * The exact minimum.
     *
     * @return the smallest value in nanoseconds; 0 when empty
     */
    public long minNs() {
        return count == 0 ? 0 : minNs;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", p50Ns=" + percentileNs(50) + ", p99Ns=" + percentileNs(99)
            + ", maxNs=" + maxNs + ", nonEmptyBuckets=" + Arrays.stream(counts).filter(c -> c > 0).count() + "]";
    }
}
