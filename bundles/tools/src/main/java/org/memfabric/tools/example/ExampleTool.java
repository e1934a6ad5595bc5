package org.memfabric.tools.example;

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
        final String store = "tcp://127.0.0.1:" + freePort();
        out.println("example: starting " + s.example + " on " + s.ranks + " ranks, transport=" + s.transport
            + ", store=" + store + " (embedded in rank 0)");
        final long started = System.nanoTime();
        final List<Process> ranks = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        try {
            for (int r = 0; r < s.ranks; r++) {
                final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), ExampleRankTool.NAME, "--rank",
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
                out.printf(java.util.Locale.ROOT, "example: OK: %s verified on %d ranks over transport=%s in %.1f s%n",
                    s.example, s.ranks, s.transport, seconds);
                return EXIT_OK;
            }
            out.println("example: FAILED: " + s.example + ": ranks failed=" + failed + " of " + s.ranks);
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
        }, "memfabric-example-output");
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
