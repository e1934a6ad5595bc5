package org.memfabric.tools.bmbench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric bench-bm-rank}: a passive rank of {@code memfabric bench bm}: contributes its pool, joins, waits
 * until rank 0 has measured (two barriers), leaves. Runs on the launcher's main thread.
 */
public final class BmBenchRankTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "bench-bm-rank";
    static final String USAGE = "usage: memfabric bench-bm-rank --rank R --store tcp://HOST:PORT --ranks N "
        + "--transport shm|tcp --pool-mb M\n  a rank of 'memfabric bench bm' (which starts it)\n";

    private final BigMemoryService bm;
    private final ConfigStoreService stores;

    /**
     * Creates the tool.
     *
     * @param bm the BM module
     * @param stores the config store module
     */
    public BmBenchRankTool(final BigMemoryService bm, final ConfigStoreService stores) {
        this.bm = Objects.requireNonNull(bm, "bm");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "a rank of 'memfabric bench bm' (started by bench bm)";
    }

    private static final class Settings {
        final BmBenchSettings bench;
        final int rank;
        final StoreUrl store;
        final long poolBytes;

        Settings(final BmBenchSettings bench, final int rank, final StoreUrl store, final long poolBytes) {
            this.bench = bench;
            this.rank = rank;
            this.store = store;
            this.poolBytes = poolBytes;
        }
    }

    private static Settings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, BmBenchSettings.VALUE_OPTIONS, BmBenchSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        final BmBenchSettings bench = BmBenchSettings.parse(NAME, a);
        final int rank = a.intIn("--rank", -1, 1, bench.ranks - 1);
        if (rank < 0) {
            throw new UsageError(NAME + ": --rank is required");
        }
        try {
            return new Settings(bench, rank, StoreUrl.parse(a.required("--store")),
                a.longIn("--pool-mb", 64, 2, 1 << 20) << 20);
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --store is not a store url: " + e.getMessage());
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ParsedArgs<Settings> parsed = ParsedArgs.parse(NAME, USAGE, args, BmBenchRankTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Settings s = parsed.value();
        try (BenchRank rank = new BenchRank(bm, stores, s.store, s.rank, s.bench.ranks, s.bench, s.poolBytes)) {
            rank.barrier(); // rank 0 measures between the join barrier and this one
            return EXIT_OK;
        } catch (final MemFabricException e) {
            err.println(NAME + ": rank " + s.rank + " failed: " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }
}
