package org.memfabric.tools.transbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.UsageError;

/**
 * The settings of {@code memfabric bench trans}, shared with its receiver process ({@code bench-trans-rank}, which
 * gets them through {@link #rankArguments()}). Immutable.
 */
final class TransBenchSettings {
    /** Which memory the two engines register, and so which transport carries the bytes. */
    enum Transport {
        /** Memory from {@code TransferEngine.allocateMem} (a memfd segment): same-host peers copy by memcpy. */
        SHM(EnumSet.of(BmDataOpType.SDMA)),
        /**
         * Plain direct buffers given to {@code registerMem}: the shm transport cannot export them, so the engine routes
         * them over tcp. The HOST_TCP restriction is passed on as {@code bench bm --transport tcp} does, for an
         * engine that honours {@link org.memfabric.api.trans.TransConfig#dataOpTypes()}.
         */
        TCP(EnumSet.of(BmDataOpType.HOST_TCP));

        private final Set<BmDataOpType> dataOpTypes;

        Transport(final Set<BmDataOpType> dataOpTypes) {
            this.dataOpTypes = dataOpTypes;
        }

        /**
         * The data-op types the engines are restricted to, as {@code bench bm --transport} does for BM.
         *
         * @return a fresh copy
         */
        Set<BmDataOpType> dataOpTypes() {
            return EnumSet.copyOf(dataOpTypes);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Direction of a measured batch, seen from the sender. */
    enum Op {
        /** {@code batchWrite}: sender memory into the receiver's registered memory. */
        WRITE,
        /** {@code batchRead}: the receiver's registered memory into sender memory. */
        READ;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The largest block size. */
    static final long MAX_SIZE_BYTES = 256L << 20;
    /** The largest region each side registers: batch × largest block size. */
    static final long MAX_REGION_BYTES = 1L << 30;
    /** Measured batches per size when {@code --iterations} is not given: at least this many ... */
    static final int AUTO_MIN_ITERATIONS = 20;
    /** ... at most this many ... */
    static final int AUTO_MAX_ITERATIONS = 2000;
    /** ... and otherwise as many as move this many bytes. */
    static final long AUTO_BUDGET_BYTES = 4L << 30;

    static final String DEFAULT_SIZES = "4K,16K,64K,256K,1M,4M,16M";
    static final Set<String> VALUE_OPTIONS = Set.of("--transport", "--sizes", "--batch", "--iterations", "--ops",
        "--layout", "--timeout-s", "--csv");
    /** The receiver process also takes the run's store and key prefix. */
    static final Set<String> RANK_VALUE_OPTIONS = Arguments.union(VALUE_OPTIONS, Set.of("--store", "--prefix"));
    static final Set<String> FLAG_OPTIONS = Set.of("--help");
    static final String USAGE = "usage: memfabric bench trans [--transport shm|tcp] [--sizes " + DEFAULT_SIZES + "]\n"
        + "                           [--batch 32] [--iterations N] [--ops write,read] [--layout distinct|same]\n"
        + "                           [--timeout-s S] [--csv FILE]\n"
        + "  --transport T    shm: both sides register memory from TransferEngine.allocateMem (memfd, copied by\n"
        + "                   memcpy between same-host peers); tcp: plain direct buffers with registerMem, which\n"
        + "                   the shm transport cannot export, so they go over tcp; dataOpTypes HOST_TCP (default shm)\n"
        + "  --sizes LIST     block sizes; suffixes K, M (binary), 1 B .. 256M (default " + DEFAULT_SIZES + ")\n"
        + "  --batch B        blocks per batchWrite/batchRead call, 1..1024; batch x largest size <= 1 GiB (default 32)\n"
        + "  --iterations N   measured batches per op and size (default: enough to move 4 GiB, 20..2000, and\n"
        + "                   at least 1 s of batches)\n"
        + "  --ops LIST       write, read or both, in that order (default write,read)\n"
        + "  --layout L       distinct: block i at offset i x size on both sides (the batch's working set is\n"
        + "                   batch x size bytes); same: every block at offset 0 on both sides, one cache-hot buffer as\n"
        + "                   ucx_perftest uses (default distinct)\n"
        + "  --timeout-s S    how long either process waits for the other at any step (default 300)\n"
        + "  --csv FILE       also write the rows as CSV\n"
        + "Starts a receiver process (memfabric bench-trans-rank) that registers batch x largest size bytes, and\n"
        + "measures from this process, per op and block size, the latency of one batch call (p50/p99 µs) and the\n"
        + "bandwidth (GB/s = 10^9 B/s, and GiB/s), after unmeasured warm-up batches; then compares the CRC32C of the\n"
        + "batch's blocks on both sides (exit code 1 on a mismatch). A progress bar goes to the error stream.\n";

    final Transport transport;
    final List<Long> sizes;
    final int batch;
    /** Measured batches per size, or 0 for automatic. */
    final int iterations;
    final List<Op> ops;
    /** Whether every block of a batch uses offset 0 on both sides ({@code --layout same}). */
    final boolean sameBlock;
    final int timeoutSeconds;
    final Optional<Path> csv;

    TransBenchSettings(final Transport transport, final List<Long> sizes, final int batch, final int iterations,
        final List<Op> ops, final boolean sameBlock, final int timeoutSeconds, final Optional<Path> csv) {
        this.transport = transport;
        this.sizes = List.copyOf(sizes);
        this.batch = batch;
        this.iterations = iterations;
        this.ops = List.copyOf(ops);
        this.sameBlock = sameBlock;
        this.timeoutSeconds = timeoutSeconds;
        this.csv = csv;
    }

    /**
     * Parses the options both commands share.
     *
     * @param command the command word, for messages
     * @param a the parsed arguments
     * @return the settings
     * @throws UsageError naming the argument at fault
     */
    static TransBenchSettings parse(final String command, final Arguments a) throws UsageError {
        final String transportText = a.value("--transport").orElse("shm");
        final Transport transport;
        try {
            transport = Transport.valueOf(transportText.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new UsageError(command + ": --transport must be shm or tcp: value=" + transportText);
        }
        final List<Long> sizes = new ArrayList<>();
        for (final String part : a.value("--sizes").orElse(DEFAULT_SIZES).split(",", -1)) {
            final long size = size(command, part.trim());
            if (sizes.contains(size)) {
                throw new UsageError(command + ": --sizes lists a size twice: value=" + part.trim());
            }
            sizes.add(size);
        }
        final int batch = a.intIn("--batch", 32, 1, 1024);
        final long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        if (largest * batch > MAX_REGION_BYTES) {
            throw new UsageError(command + ": --batch x largest --sizes entry must be at most 1 GiB: batch=" + batch
                + ", largestSize=" + largest + ", bytes=" + largest * batch);
        }
        final String layout = a.value("--layout").orElse("distinct");
        if (!layout.equals("distinct") && !layout.equals("same")) {
            throw new UsageError(command + ": --layout must be distinct or same: value=" + layout);
        }
        return new TransBenchSettings(transport, sizes, batch, a.intIn("--iterations", 0, 1, 10_000_000),
            ops(command, a.value("--ops").orElse("write,read")), layout.equals("same"),
            a.intIn("--timeout-s", 300, 5, 3600), a.path("--csv"));
    }

    /**
     * Parses a block size: digits with an optional binary suffix {@code K} or {@code M} (any case).
     *
     * @param command the command word, for messages
     * @param text the text
     * @return the size in bytes
     * @throws UsageError when it is not a size in 1 B .. 256 MiB
     */
    static long size(final String command, final String text) throws UsageError {
        String digits = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (digits.endsWith("K")) {
            unit = 1L << 10;
        } else if (digits.endsWith("M")) {
            unit = 1L << 20;
        }
        if (unit != 1) {
            digits = digits.substring(0, digits.length() - 1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 12) {
            throw new UsageError(command + ": --sizes entry is not a size (digits with K or M): value=" + text);
        }
        final long bytes = Long.parseLong(digits) * unit;
        if (bytes < 1 || bytes > MAX_SIZE_BYTES) {
            throw new UsageError(command + ": --sizes entries must be 1 B .. 256M: value=" + text);
        }
        return bytes;
    }

    private static List<Op> ops(final String command, final String text) throws UsageError {
        final Set<Op> chosen = EnumSet.noneOf(Op.class);
        for (final String part : text.split(",", -1)) {
            try {
                if (!chosen.add(Op.valueOf(part.trim().toUpperCase(Locale.ROOT)))) {
                    throw new UsageError(command + ": --ops lists an op twice: value=" + part.trim());
                }
            } catch (final IllegalArgumentException e) {
                throw new UsageError(command + ": --ops entries must be write or read: value=" + part);
            }
        }
        return List.copyOf(chosen); // EnumSet order: write before read
    }

    /**
     * The largest block size.
     *
     * @return bytes
     */
    long maxSize() {
        return sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /**
     * The bytes each side registers: room for one batch of the largest block size.
     *
     * @return bytes
     */
    long regionBytes() {
        return maxSize() * batch;
    }

    /**
     * Measured batches for a block size: {@code --iterations}, or enough to move {@value #AUTO_BUDGET_BYTES} bytes
     * within {@value #AUTO_MIN_ITERATIONS}..{@value #AUTO_MAX_ITERATIONS}.
     *
     * @param sizeBytes the block size
     * @return the count
     */
    int iterationsFor(final long sizeBytes) {
        if (iterations > 0) {
            return iterations;
        }
        final long perBatch = sizeBytes * batch;
        return (int) Math.max(AUTO_MIN_ITERATIONS, Math.min(AUTO_MAX_ITERATIONS, AUTO_BUDGET_BYTES / perBatch));
    }

    /**
     * Unmeasured batches before the measured ones: a tenth of them, at least 3 (the first calls find the peer's
     * region and route).
     *
     * @param sizeBytes the block size
     * @return the count
     */
    int warmupFor(final long sizeBytes) {
        return Math.max(3, iterationsFor(sizeBytes) / 10);
    }

    /**
     * The options the receiver process needs: how much to register, over which transport, and how long to wait.
     *
     * @return the arguments
     */
    /**
     * The layout's name.
     *
     * @return {@code same} or {@code distinct}
     */
    String layoutLabel() {
        return sameBlock ? "same" : "distinct";
    }

    List<String> rankArguments() {
        final StringBuilder sizeList = new StringBuilder();
        for (final long s : sizes) {
            sizeList.append(sizeList.length() == 0 ? "" : ",").append(s);
        }
        return List.of("--transport", transport.label(), "--sizes", sizeList.toString(), "--batch",
            Integer.toString(batch), "--timeout-s", Integer.toString(timeoutSeconds));
    }
}
