package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memfabric.tools.bench.LatencyHistogram;

class TransBenchRowTest {

    private static LatencyHistogram batchesOf(final long... ns) {
        final LatencyHistogram h = new LatencyHistogram();
        for (final long v : ns) {
            h.record(v);
        }
        return h;
    }

    private static TransBenchRow row(final long blockBytes, final int batch, final int iterations,
        final long elapsedNs, final LatencyHistogram batches, final long expectedCrc, final long actualCrc) {
        return new TransBenchRow(TransBenchSettings.Op.WRITE, TransBenchSettings.Transport.SHM, blockBytes, batch,
            iterations, 3, elapsedNs, batches, new TransBenchRow.Verification(expectedCrc, actualCrc,
                blockBytes * batch));
    }

    @Test
    void shouldComputeBandwidthInDecimalAndBinaryUnitsFromBytesAndWallTime() {
        // 32 blocks of 1 MiB, 10 batches, in 25 ms: 335544320 B / 0.025 s
        final TransBenchRow r = row(1 << 20, 32, 10, 25_000_000L, batchesOf(2_500_000), 7, 7);

        assertEquals(335_544_320L, r.bytesMoved());
        assertEquals(13.4217728, r.gbPerSecond(), 1e-9);
        assertEquals(12.5, r.gibPerSecond(), 1e-9);
    }

    @Test
    void shouldReportBatchLatencyPercentilesInMicroseconds() {
        final long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = 100 + i; // 100..199 ns, below the histogram's exact range limit
        }
        final TransBenchRow r = row(4096, 32, 100, 1_000_000L, batchesOf(ns), 1, 1);

        assertEquals(0.149, r.p50Us(), 1e-9);
        assertEquals(0.198, r.p99Us(), 1e-9);
    }

    @Test
    void shouldPrintOneAlignedTableLineAndACsvRecordWithTheVerdict() {
        final TransBenchRow ok = row(16 << 20, 32, 20, 1_000_000_000L, batchesOf(40_000_000, 60_000_000), 0xabcL,
            0xabcL);

        assertEquals("op     transport    block  batch  batches     p50 µs     p99 µs      GB/s     GiB/s  verified",
            TransBenchRow.tableHeader());
        // 40 ms falls in the histogram bucket ending at 40.108031 ms (0.27 % above); p99 is capped at the maximum
        assertEquals("write  shm            16M     32       20      40108      60000    10.737    10.000  "
            + "ok crc32c=00000abc", ok.tableLine());
        assertEquals(TransBenchRow.CSV_HEADER.split(",").length, ok.csv().split(",").length);
        assertEquals("write,shm,16777216,32,20,3,40108.031,60000.000,50000.000,60000.000,10.7374,10.0000,ok",
            ok.csv());
        assertTrue(ok.verified());
    }

    @Test
    void shouldMarkAChecksumMismatchAsFailedWithBothValues() {
        final TransBenchRow bad = row(4096, 2, 5, 1000L, batchesOf(100), 0x1234L, 0xdeadbeefL);

        assertFalse(bad.verified());
        assertTrue(bad.tableLine().endsWith("FAILED expected crc32c=00001234 got=deadbeef over 8192 B"),
            bad.tableLine());
        assertTrue(bad.csv().endsWith(",FAILED"), bad.csv());
    }

    @Test
    void shouldLabelSizesAsTheOptionsWriteThem() {
        assertEquals("4K", TransBenchRow.sizeLabel(4096));
        assertEquals("16M", TransBenchRow.sizeLabel(16 << 20));
        assertEquals("1536K", TransBenchRow.sizeLabel(1536 << 10));
        assertEquals("1000", TransBenchRow.sizeLabel(1000));
        assertEquals("4K,1M", TransBenchTool.sizeList(java.util.List.of(4096L, 1L << 20)));
    }
}
