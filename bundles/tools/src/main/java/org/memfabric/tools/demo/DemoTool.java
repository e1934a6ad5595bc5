package org.memfabric.tools.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.ParsedArgs;
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
        final String store = "tcp://127.0.0.1:" + freePort();
        out.println("demo: starting " + s.ranks + " ranks, transport=" + s.transport + ", store=" + store
            + " (embedded in rank 0), " + s.sizeMiB + " MiB per copy");
        final long started = System.nanoTime();
        final List<Process> ranks = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        try {
            for (int r = 0; r < s.ranks; r++) {
                final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), DemoRankTool.NAME, "--rank",
                    Integer.toString(r), "--store", store));
                cmd.addAll(s.asArguments());
                final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                ranks.add(p);
                pumps.add(pump(p, "[rank " + r + "] ", out));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.timeoutSeconds + 30L);
            int failed = 0;
            for (int r = 0; r < ranks.size(); r++) {
                final Process p = ranks.get(r);
                final long left = Math.max(1, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    err.println(NAME + ": rank did not finish in time, killing it: rank=" + r + ", timeoutS="
                        + s.timeoutSeconds);
                    p.destroyForcibly();
                    failed++;
                } else if (p.exitValue() != 0) {
                    err.println(NAME + ": rank failed: rank=" + r + ", exitCode=" + p.exitValue());
                    failed++;
                }
            }
            for (final Thread t : pumps) {
                t.join(5_000);
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            if (failed == 0) {
                out.printf(java.util.Locale.ROOT, "demo: OK: %d ranks verified %d MiB each (host, device and "
                    + "global-to-global) over transport=%s in %.1f s%n", s.ranks, 3 * s.sizeMiB, s.transport,
                    seconds);
                return EXIT_OK;
            }
            out.println("demo: FAILED: ranks failed=" + failed + " of " + s.ranks);
            return EXIT_FAILURE;
        } finally {
            for (final Process p : ranks) {
                if (p.isAlive()) {
                    p.destroy();
                }
            }
        }
    }

    private static Thread pump(final Process p, final String prefix, final PrintStream out) {
        final Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (out) {
                        out.println(prefix + line);
                    }
                }
            } catch (final IOException e) {
                synchronized (out) {
                    out.println(prefix + "(output lost: " + e + ")");
                }
            }
        }, "memfabric-demo-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
