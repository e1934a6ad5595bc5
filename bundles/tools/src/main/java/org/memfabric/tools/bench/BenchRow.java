package org.memfabric.tools.bench;

import java.util.Locale;

/**
 * One measured line of {@code memfabric bench store}: a phase ({@code latency}, {@code throughput},
 * {@code barrier}), an operation, the number of clients or ranks, the latency distribution of the calls, the wall
 * time of the whole run and, for throughput rows, the driver ({@code async} or {@code threads}). Immutable.
 */
public final class BenchRow {
    /** CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER =
        "phase,op,clients,ranks,value_size,count,p50_us,p99_us,p999_us,mean_us,max_us,elapsed_s,ops_per_s,driver";

    private final String phase;
    private final String op;
    private final int clients;
    private final int ranks;
    private final int valueSizeBytes;
    private final LatencyHistogram latency;
    private final long elapsedNs;
    private final String driver;

    /**
     * Creates a row.
     *
     * @param phase the phase name
     * @param op the operation ({@code SET}, {@code GET}, {@code BARRIER})
     * @param clients concurrent clients, 0 when not applicable
     * @param ranks group size, 0 when not applicable
     * @param valueSizeBytes value size, 0 when not applicable
     * @param latency the per-call latencies
     * @param elapsedNs wall time of the measured calls
     */
    public BenchRow(final String phase, final String op, final int clients, final int ranks, final int valueSizeBytes,
        final LatencyHistogram latency, final long elapsedNs) {
        this(phase, op, clients, ranks, valueSizeBytes, latency, elapsedNs, "-");
    }

    /**
     * Creates a row that names how its clients were driven.
     *
     * @param phase the phase name
     * @param op the operation ({@code SET}, {@code GET}, {@code BARRIER})
     * @param clients concurrent clients, 0 when not applicable
     * @param ranks group size, 0 when not applicable
     * @param valueSizeBytes value size, 0 when not applicable
     * @param latency the per-call latencies
     * @param elapsedNs wall time of the measured calls
     * @param driver {@code async} or {@code threads} for throughput rows, {@code -} otherwise
     */
    public BenchRow(final String phase, final String op, final int clients, final int ranks, final int valueSizeBytes,
        final LatencyHistogram latency, final long elapsedNs, final String driver) {
        this.phase = phase;
        this.op = op;
        this.clients = clients;
        this.ranks = ranks;
        this.valueSizeBytes = valueSizeBytes;
        this.latency = latency;
        this.elapsedNs = elapsedNs;
        this.driver = driver;
    }

    /**
     * The phase.
     *
     * @return {@code latency}, {@code throughput} or {@code barrier}
     */
    public String phase() {
        return phase;
    }

    /**
     * The operation.
     *
     * @return {@code SET}, {@code GET} or {@code BARRIER}
     */
    public String op() {
        return op;
    }

    /**
     * How the clients of a throughput row were driven.
     *
     * @return {@code async}, {@code threads}, or {@code -} for other phases
     */
    public String driver() {
        return driver;
    }

    /**
     * The per-call latencies.
     *
     * @return the histogram
     */
    public LatencyHistogram latency() {
        return latency;
    }

    /**
     * Calls completed per second of wall time.
     *
     * @return the rate
     */
    public double opsPerSecond() {
        return elapsedNs <= 0 ? 0 : latency.count() * 1e9 / elapsedNs;
    }

    private static String micros(final double ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }

    private static String orDash(final int value) {
        return value == 0 ? "-" : Integer.toString(value);
    }

    /** Column headings of {@link #tableLine()}. */
    static String tableHeader() {
        return String.format(Locale.ROOT, "%-11s %-8s %7s %5s %9s %9s %9s %9s %9s %11s  %s", "phase", "op",
            "clients", "ranks", "count", "p50 us", "p99 us", "p99.9 us", "mean us", "ops/s", "driver");
    }

    /**
     * One line of the printed table.
     *
     * @return the line, without a line end
     */
    String tableLine() {
        return String.format(Locale.ROOT, "%-11s %-8s %7s %5s %9d %9s %9s %9s %9s %11.0f  %s", phase, op,
            orDash(clients), orDash(ranks), latency.count(), micros(latency.percentileNs(50)),
            micros(latency.percentileNs(99)), micros(latency.percentileNs(99.9)), micros(latency.meanNs()),
            opsPerSecond(), driver);
    }

    /**
     * One CSV record (see {@link #CSV_HEADER}); times in microseconds.
     *
     * @return the record, without a line end
     */
    public String csv() {
        return String.join(",", phase, op, Integer.toString(clients), Integer.toString(ranks),
            Integer.toString(valueSizeBytes), Long.toString(latency.count()), micros(latency.percentileNs(50)),
            micros(latency.percentileNs(99)), micros(latency.percentileNs(99.9)), micros(latency.meanNs()),
            micros(latency.maxNs()), String.format(Locale.ROOT, "%.3f", elapsedNs / 1e9),
            String.format(Locale.ROOT, "%.0f", opsPerSecond()), driver);
    }
}
