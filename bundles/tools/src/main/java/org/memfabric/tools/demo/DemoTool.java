package org.memfabric.tools.demo;

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
 * {@code memfabric demo}: the local multi-rank demo. Starts N rank processes ({@code memfabric demo-rank}) on this
 * host; rank 0 runs the embedded config store on a free loopback port; the ranks form a BM pool, write and read
 * across ranks with verification, and this process prints their lines and a summary. Exit 0 only when every rank
 * verified its bytes. Runs on the launcher's main thread; an interrupt stops the ranks.
 */
public final class DemoTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "demo";
    static final String USAGE = "usage: memfabric demo [--ranks N] [--transport auto|shm|tcp] [--size-mb M] "
        + "[--timeout-s S]\n"
        + "  --ranks N          rank processes to start on this host, 2..64 (default 3)\n"
        + "  --transport T      auto (same host: shm, else tcp), shm or tcp (default auto)\n"
        + "  --size-mb M        MiB each rank writes into each pool of the next rank (default 16)\n"
        + "  --timeout-s S      bound of the whole run and of every control operation (default 120)\n";

    private final Path launcher;

    /**
     * Creates the tool.
     *
     * @param launcher the {@code bin/memfabric} script that starts rank processes
     */
    public DemoTool(final Path launcher) {
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "start N ranks on this host, form a BM pool, copy across ranks and verify";
    }

    private static DemoSettings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, DemoSettings.VALUE_OPTIONS, DemoSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        return DemoSettings.parse(NAME, a);
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception {
        final ParsedArgs<DemoSettings> parsed = ParsedArgs.parse(NAME, USAGE, args, DemoTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final DemoSettings s = parsed.value();
        if (!Files.isExecutable(launcher)) {
            err.println(NAME + ": cannot start rank processes, launcher script not found: path=" + launcher);
            return EXIT_FAILURE;
        }
        final String store = RankProcesses.freeLoopbackStoreUrl();
        out.println("demo: starting " + s.ranks + " ranks, transport=" + s.transport + ", store=" + store
            + " (embedded in rank 0), " + s.sizeMiB + " MiB per copy");
        final long started = System.nanoTime();
        final int failed = RankProcesses.run(NAME, launcher, DemoRankTool.NAME, s.ranks, store, s.asArguments(),
            s.timeoutSeconds, out, err);
        final double seconds = (System.nanoTime() - started) / 1e9;
        if (failed == 0) {
            out.printf(Locale.ROOT, "demo: OK: %d ranks verified %d MiB each (host, device and "
                + "global-to-global) over transport=%s in %.1f s%n", s.ranks, 3 * s.sizeMiB, s.transport,
                seconds);
            return EXIT_OK;
        }
        out.println("demo: FAILED: ranks failed=" + failed + " of " + s.ranks);
        return EXIT_FAILURE;
    }
}
