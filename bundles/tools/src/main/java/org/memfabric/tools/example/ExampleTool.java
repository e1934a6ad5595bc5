package org.memfabric.tools.example;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.RankProcesses;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric example}: the SHM examples. Starts N rank processes ({@code memfabric example-rank}) on this
 * host; rank 0 runs the embedded config store on a free loopback port; the ranks create a symmetric object and run
 * the example (allreduce or shift-put-get) with verification, and this process prints their lines and a summary.
 * Exit 0 only when every rank verified its result. Runs on the launcher's main thread; an interrupt stops the ranks.
 */
public final class ExampleTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "example";
    static final String USAGE = "usage: memfabric example allreduce|shift-put-get [--ranks N] "
        + "[--transport auto|shm|tcp] [--timeout-s S]\n"
        + "  allreduce          every rank puts its vector into the window; each sums all and checks the sums\n"
        + "  shift-put-get      rank r puts into rank r+1, gets from rank r-1 and checks the bytes\n"
        + "  --ranks N          rank processes to start on this host, 2..64 (default 3)\n"
        + "  --transport T      auto (same host: shm, else tcp), shm or tcp (default auto)\n"
        + "  --timeout-s S      bound of the whole run and of every control operation (default 120)\n";

    private final Path launcher;

    /**
     * Creates the tool.
     *
     * @param launcher the {@code bin/memfabric} script that starts rank processes
     */
    public ExampleTool(final Path launcher) {
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "run an SHM example (allreduce, shift-put-get) over N ranks on this host and verify";
    }

    private static ExampleSettings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, ExampleSettings.VALUE_OPTIONS, ExampleSettings.FLAG_OPTIONS);
        return ExampleSettings.parse(NAME, a);
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception {
        final ParsedArgs<ExampleSettings> parsed = ParsedArgs.parse(NAME, USAGE, args, ExampleTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final ExampleSettings s = parsed.value();
        if (!Files.isExecutable(launcher)) {
            err.println(NAME + ": cannot start rank processes, launcher script not found: path=" + launcher);
            return EXIT_FAILURE;
        }
        final String store = RankProcesses.freeLoopbackStoreUrl();
        out.println("example: starting " + s.example + " on " + s.ranks + " ranks, transport=" + s.transport
            + ", store=" + store + " (embedded in rank 0)");
        final long started = System.nanoTime();
        final int failed = RankProcesses.run(NAME, launcher, ExampleRankTool.NAME, s.ranks, store, s.asArguments(),
            s.timeoutSeconds, out, err);
        final double seconds = (System.nanoTime() - started) / 1e9;
        if (failed == 0) {
            out.printf(Locale.ROOT, "example: OK: %s verified on %d ranks over transport=%s in %.1f s%n",
                s.example, s.ranks, s.transport, seconds);
            return EXIT_OK;
        }
        out.println("example: FAILED: " + s.example + ": ranks failed=" + failed + " of " + s.ranks);
        return EXIT_FAILURE;
    }
}
