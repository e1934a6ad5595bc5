package org.memfabric.trans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts address ranges and merges those that overlap or touch, as {@code smem_trans_batch_register_mem} does (without
 * its 2 MiB alignment: the exact bytes given are registered). Stateless.
 */
final class RangeMerger {
    private RangeMerger() {
    }

    /**
     * Merges ranges.
     *
     * @param addresses start addresses, valid and non-overflowing
     * @param sizes sizes in bytes, positive
     * @return {address, size} pairs, sorted and disjoint, not touching
     */
    static List<long[]> merge(final long[] addresses, final long[] sizes) {
        final long[][] ranges = new long[addresses.length][];
        for (int i = 0; i < addresses.length; i++) {
            ranges[i] = new long[] {addresses[i], addresses[i] + sizes[i]};
        }
        Arrays.sort(ranges, (a, b) -> Long.compare(a[0], b[0]));
        final List<long[]> out = new ArrayList<>();
        long start = ranges[0][0];
        long end = ranges[0][1];
        for (int i = 1; i < ranges.length; i++) {
            if (ranges[i][0] <= end) {
                end = Math.max(end, ranges[i][1]);
            } else {
                out.add(new long[] {start, end - start});
                start = ranges[i][0];
                end = ranges[i][1];
            }
        }
        out.add(new long[] {start, end - start});
        return out;
    }
}
