package org.memfabric.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static long exactPercentile(final long[] sorted, final double percentile) {
        final int rank = (int) Math.max(1, Math.ceil(percentile / 100.0 * sorted.length));
        return sorted[rank - 1];
    }

    @Test
    void shouldCountSmallValuesExactly() {
        final LatencyHistogram histogram = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            histogram.record(v);
        }

        assertEquals(50, histogram.percentileNs(50));
        assertEquals(99, histogram.percentileNs(99));
        assertEquals(100, histogram.percentileNs(100));
        assertEquals(50.5, histogram.meanNs(), 1e-9);
        assertEquals(1, histogram.minNs());
    }

    @Test
    void shouldReportPercentilesWithinOneBucketOfTheExactValueForLongTailedData() {
        final Random random = new Random(42);
        final long[] values = new long[200_000];
        final LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // log-normal around 30 us with a tail into milliseconds
            values[i] = (long) Math.exp(Math.log(30_000) + random.nextGaussian() * 0.8);
            histogram.record(values[i]);
        }
        Arrays.sort(values);

        for (final double p : new double[] {50, 90, 99, 99.9, 100}) {
            final long exact = exactPercentile(values, p);
            final long reported = histogram.percentileNs(p);
            assertTrue(reported >= exact && reported <= exact + exact / LatencyHistogram.SUB_BUCKETS + 1,
                "p" + p + ": exact=" + exact + " reported=" + reported);
        }
        assertEquals(values[values.length - 1], histogram.maxNs());
        assertEquals(Arrays.stream(values).average().orElseThrow(), histogram.meanNs(), 1e-6);
    }

    @Test
    void shouldMapEveryValueIntoABucketWhoseUpperBoundIsNotBelowIt() {
        long previous = -1;
        for (long v = 0; v < 1 << 20; v += 7) {
            final int index = LatencyHistogram.index(v);
            assertTrue(LatencyHistogram.highestIn(index) >= v, "v=" + v);
            assertTrue(index >= previous, "indices grow with values: v=" + v);
            previous = index;
        }
        assertEquals(Long.MAX_VALUE, LatencyHistogram.highestIn(LatencyHistogram.index(Long.MAX_VALUE)));
    }

    @Test
    void shouldMergeCountsOfAnotherHistogram() {
        final LatencyHistogram a = new LatencyHistogram();
        final LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(1_000_000);
        b.record(20);

        a.add(b);

        assertEquals(3, a.count());
        assertEquals(20, a.percentileNs(50));
        assertEquals(1_000_000, a.maxNs());
        assertEquals(10, a.minNs());
    }

    @Test
    void shouldRejectAPercentileOutsideZeroToHundred() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().percentileNs(0));
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().percentileNs(101));
    }
}
