package org.memfabric.tools.bmbench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.UsageError;

/** The settings of {@code memfabric bench bm}, shared with its helper rank processes. Immutable. */
final class BmBenchSettings {
    static final Set<String> VALUE_OPTIONS = Set.of("--ranks", "--transport", "--sizes", "--window", "--budget-mb",
        "--timeout-s", "--rank", "--store", "--pool-mb");
    static final Set<String> FLAG_OPTIONS = Set.of("--help");
    static final String USAGE = "usage: memfabric bench bm [--ranks N] [--transport shm|tcp] [--sizes 8,4k,64k,1m,64m]\n"
        + "                        [--window W] [--budget-mb B] [--timeout-s S]\n"
        + "  --ranks N        BM ranks, 2..8 (default 2): this process is rank 0, the others are started as processes\n"
        + "  --transport T    shm (same-host copy engine) or tcp (default shm)\n"
        + "  --sizes LIST     copy sizes; suffixes k, m (default 8,4k,64k,1m,64m)\n"
        + "  --window W       asynchronous copies kept in flight by the async rows (default 4)\n"
        + "  --budget-mb B    bytes moved per row, in MiB; small sizes are capped at 20000 copies (default 1024)\n"
        + "Prints, per copy type (H2G write, G2H read, G2G) and size: copies, GB/s, p50/p99 µs (sync) and GB/s\n"
        + "(async, W in flight); a progress bar goes to the error stream.\n";

    final int ranks;
    final String transport;
    final List<Long> sizes;
    final int window;
    final long budgetBytes;
    final int timeoutSeconds;

    BmBenchSettings(final int ranks, final String transport, final List<Long> sizes, final int window,
        final long budgetBytes, final int timeoutSeconds) {
        this.ranks = ranks;
        this.transport = transport;
        this.sizes = List.copyOf(sizes);
        this.window = window;
        this.budgetBytes = budgetBytes;
        this.timeoutSeconds = timeoutSeconds;
    }

    static BmBenchSettings parse(final String command, final Arguments a) throws UsageError {
        final String transport = a.value("--transport").orElse("shm").toLowerCase(Locale.ROOT);
        if (!List.of("shm", "tcp").contains(transport)) {
            throw new UsageError(command + ": --transport must be shm or tcp: value=" + transport);
        }
        final List<Long> sizes = new ArrayList<>();
        for (final String part : a.value("--sizes").orElse("8,4k,64k,1m,64m").split(",", -1)) {
            sizes.add(size(command, part.trim()));
        }
        return new BmBenchSettings(a.intIn("--ranks", 2, 2, 8), transport, sizes, a.intIn("--window", 4, 1, 64),
            a.longIn("--budget-mb", 1024, 1, 1 << 20) << 20, a.intIn("--timeout-s", 300, 5, 3600));
    }

    private static long size(final String command, final String text) throws UsageError {
        long unit = 1;
        String digits = text.toLowerCase(Locale.ROOT);
        if (digits.endsWith("k")) {
            unit = 1024;
            digits = digits.substring(0, digits.length() - 1);
        } else if (digits.endsWith("m")) {
            unit = 1024 * 1024;
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            final long v = Long.parseLong(digits) * unit;
            if (v < 1 || v > (1L << 30)) {
                throw new UsageError(command + ": --sizes entries must be 1 B .. 1 GiB: value=" + text);
            }
            return v;
        } catch (final NumberFormatException e) {
            throw new UsageError(command + ": --sizes entry is not a size: value=" + text);
        }
    }

    long maxSize() {
        long m = 0;
        for (final long s : sizes) {
            m = Math.max(m, s);
        }
        return m;
    }

    /** Host pool per rank: room for the window of the largest size, 2 MiB granular. */
    long poolBytes() {
        final long need = Math.max(64L << 20, maxSize() * (window + 1));
        return (need + (2L << 20) - 1) / (2L << 20) * (2L << 20);
    }

    Set<BmDataOpType> dataOpTypes() {
        return "tcp".equals(transport) ? EnumSet.of(BmDataOpType.HOST_TCP) : EnumSet.of(BmDataOpType.SDMA);
    }

    List<String> rankArguments() {
        return List.of("--ranks", Integer.toString(ranks), "--transport", transport, "--pool-mb",
            Long.toString(poolBytes() >> 20), "--timeout-s", Integer.toString(timeoutSeconds));
    }
}
