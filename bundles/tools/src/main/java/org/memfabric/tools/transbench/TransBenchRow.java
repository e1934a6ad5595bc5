package org.memfabric.tools.transbench;

import java.util.Locale;

import org.memfabric.tools.bench.LatencyHistogram;

/**
 * One result of {@code bench trans}: an op and block size, the batch latencies and the bandwidth over the measured
 * batches, and whether the receiver's bytes matched the sender's. Immutable.
 *
 * <p>Bandwidth is {@code blockBytes × batch × iterations / elapsed}, elapsed being the wall time from the start of
 * the first measured batch to the end of the last; GB/s is 10^9 B/s, GiB/s is 2^30 B/s.
 */
final class TransBenchRow {
    static final String CSV_HEADER = "op,transport,block_bytes,batch,iterations,warmup,p50_us,p99_us,mean_us,max_us,"
        + "gb_per_s,gib_per_s,verified";
    private static final String TABLE_FORMAT = "%-6s %-9s %8s %6s %8s %10s %10s %9s %9s  %s";

    private final TransBenchSettings.Op op;
    private final TransBenchSettings.Transport transport;
    private final long blockBytes;
    private final int batch;
    private final int iterations;
    private final int warmup;
    private final long elapsedNs;
    private final double p50Us;
    private final double p99Us;
    private final double meanUs;
    private final double maxUs;
    private final Verification verification;

    /** The outcome of the checksum comparison after a size. */
    static final class Verification {
        private final long expectedCrc;
        private final long actualCrc;
        private final long bytes;

        /**
         * Creates the outcome.
         *
         * @param expectedCrc the CRC32C of the side the bytes came from
         * @param actualCrc the CRC32C of the side they went to
         * @param bytes how many bytes were compared
         */
        Verification(final long expectedCrc, final long actualCrc, final long bytes) {
            this.expectedCrc = expectedCrc;
            this.actualCrc = actualCrc;
            this.bytes = bytes;
        }

        boolean passed() {
            return expectedCrc == actualCrc;
        }

        String describe() {
            return passed() ? "ok crc32c=" + hex(actualCrc)
                : "FAILED expected crc32c=" + hex(expectedCrc) + " got=" + hex(actualCrc) + " over " + bytes + " B";
        }

        private static String hex(final long crc) {
            return String.format(Locale.ROOT, "%08x", crc);
        }
    }

    TransBenchRow(final TransBenchSettings.Op op, final TransBenchSettings.Transport transport, final long blockBytes,
        final int batch, final int iterations, final int warmup, final long elapsedNs, final LatencyHistogram batches,
        final Verification verification) {
        this.op = op;
        this.transport = transport;
        this.blockBytes = blockBytes;
        this.batch = batch;
        this.iterations = iterations;
        this.warmup = warmup;
        this.elapsedNs = elapsedNs;
        this.p50Us = batches.percentileNs(50) / 1e3;
        this.p99Us = batches.percentileNs(99) / 1e3;
        this.meanUs = batches.meanNs() / 1e3;
        this.maxUs = batches.maxNs() / 1e3;
        this.verification = verification;
    }

    TransBenchSettings.Op op() {
        return op;
    }

    long blockBytes() {
        return blockBytes;
    }

    double p50Us() {
        return p50Us;
    }

    double p99Us() {
        return p99Us;
    }

    boolean verified() {
        return verification.passed();
    }

    /**
     * Bytes moved by the measured batches.
     *
     * @return bytes
     */
    long bytesMoved() {
        return blockBytes * batch * (long) iterations;
    }

    /**
     * Bandwidth in GB/s (10^9 B/s).
     *
     * @return the rate; 0 when nothing was timed
     */
    double gbPerSecond() {
        return elapsedNs <= 0 ? 0 : (double) bytesMoved() / elapsedNs;
    }

    /**
     * Bandwidth in GiB/s (2^30 B/s).
     *
     * @return the rate; 0 when nothing was timed
     */
    double gibPerSecond() {
        return gbPerSecond() * 1e9 / (1L << 30);
    }

    static String tableHeader() {
        return String.format(Locale.ROOT, TABLE_FORMAT, "op", "transport", "block", "batch", "batches", "p50 µs",
            "p99 µs", "GB/s", "GiB/s", "verified");
    }

    String tableLine() {
        return String.format(Locale.ROOT, TABLE_FORMAT, op.label(), transport.label(), sizeLabel(blockBytes), batch,
            iterations, latency(p50Us), latency(p99Us), String.format(Locale.ROOT, "%.3f", gbPerSecond()),
            String.format(Locale.ROOT, "%.3f", gibPerSecond()), verification.describe());
    }

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.4f,%.4f,%s", op.label(),
            transport.label(), blockBytes, batch, iterations, warmup, p50Us, p99Us, meanUs, maxUs, gbPerSecond(),
            gibPerSecond(), verification.passed() ? "ok" : "FAILED");
    }

    private static String latency(final double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    /**
     * A block size as the options write it: {@code 4K}, {@code 16M}, or plain bytes.
     *
     * @param bytes the size
     * @return the label
     */
    static String sizeLabel(final long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "M";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "K";
        }
        return Long.toString(bytes);
    }
}
