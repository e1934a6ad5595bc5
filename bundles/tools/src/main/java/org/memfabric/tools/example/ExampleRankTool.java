package org.memfabric.tools.example;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric example-rank}: one rank of {@code memfabric example}. Initialises SHM (rank 0 runs the embedded
 * store), creates a symmetric object, runs the named example on it and prints a verdict: {@code VERIFIED}, or
 * {@code MISMATCH} with the first wrong value (exit 1). Runs on the launcher's main thread.
 */
public final class ExampleRankTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "example-rank";
    static final String USAGE = "usage: memfabric example-rank allreduce|shift-put-get --rank R --store "
        + "tcp://HOST:PORT [--ranks N] [--transport auto|shm|tcp] [--timeout-s S]\n"
        + "  one rank of 'memfabric example' (which starts the ranks itself)\n";
    static final int SHM_ID = 1;
    static final long SLOT_BYTES = 2L << 20;

    private final ShareMemoryService shm;

    /**
     * Creates the tool.
     *
     * @param shm the SHM module
     */
    public ExampleRankTool(final ShareMemoryService shm) {
        this.shm = Objects.requireNonNull(shm, "shm");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "one rank of 'memfabric example' (started by example)";
    }

    private static final class Settings {
        final ExampleSettings example;
        final int rank;
        final StoreUrl store;

        Settings(final ExampleSettings example, final int rank, final StoreUrl store) {
            this.example = example;
            this.rank = rank;
            this.store = store;
        }
    }

    private static Settings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, ExampleSettings.VALUE_OPTIONS, ExampleSettings.FLAG_OPTIONS);
        final ExampleSettings example = ExampleSettings.parse(NAME, a);
        final int rank = a.intIn("--rank", -1, 0, example.ranks - 1);
        if (rank < 0) {
            throw new UsageError(NAME + ": --rank is required");
        }
        final String url = a.required("--store");
        try {
            return new Settings(example, rank, StoreUrl.parse(url));
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --store is not a store url: " + e.getMessage());
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ParsedArgs<Settings> parsed = ParsedArgs.parse(NAME, USAGE, args, ExampleRankTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Settings s = parsed.value();
        try {
            final Duration timeout = Duration.ofSeconds(s.example.timeoutSeconds);
            shm.init(s.store.toString(), s.example.ranks, s.rank, 0, new ShmConfig().initTimeout(timeout)
                .createTimeout(timeout).controlOperationTimeout(timeout));
            try (ShareMemory m = shm.create(SHM_ID, s.example.ranks, s.rank, SLOT_BYTES, s.example.dataOpTypes(), 0)) {
                final int next = (s.rank + 1) % s.example.ranks;
                final Set<ShmDataOpType> reach = m.topologyCanReach(next); // while every rank is still a member
                final Optional<String> wrong = runExample(s.example.example, m);
                out.println("rank " + s.rank + ": " + s.example.example + " over reach " + reach + " to rank " + next
                    + ": " + wrong.map(w -> "MISMATCH: " + w).orElse("VERIFIED"));
                return wrong.isPresent() ? EXIT_FAILURE : EXIT_OK;
            }
        } catch (final MemFabricException e) {
            err.println(NAME + ": rank " + s.rank + " failed: " + Failures.describe(e));
            return EXIT_FAILURE;
        } finally {
            shm.uninit(0);
        }
    }

    /**
     * Runs one example on a rank and checks its result.
     *
     * @param example the example word
     * @param m the symmetric object
     * @return the first wrong value, described, or empty when verified
     */
    public static Optional<String> runExample(final String example, final ShareMemory m) {
        if (AllReduceExample.NAME.equals(example)) {
            return AllReduceExample.check(AllReduceExample.run(m), m.rankSize());
        }
        if (ShiftPutGetExample.NAME.equals(example)) {
            return ShiftPutGetExample.run(m);
        }
        throw new IllegalArgumentException("unknown example: example=" + example);
    }
}
