package org.memfabric.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the rank processes of a multi-rank tool ({@code demo}, {@code example}): starts
 * {@code <launcher> <rankCommand> --rank r --store URL <arguments>} for every rank, copies each one's output to
 * {@code out} prefixed {@code [rank r] }, waits for all of them within a deadline (killing a rank that overstays) and
 * says how many failed. The caller's thread waits; one daemon thread per rank copies output.
 */
public final class RankProcesses {
    /** Slack on top of the ranks' own timeout before a rank is killed. */
    private static final long GRACE_SECONDS = 30;
    private static final long PUMP_JOIN_MS = 5_000;

    private RankProcesses() {
    }

    /**
     * A store URL on a free loopback port, for rank 0 to embed.
     *
     * @return {@code tcp://127.0.0.1:<port>}
     * @throws IOException when no port can be found
     */
    public static String freeLoopbackStoreUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    /**
     * Starts the ranks and waits for them.
     *
     * @param tool the calling tool's name (messages)
     * @param launcher the {@code bin/memfabric} script
     * @param rankCommand the per-rank command word
     * @param ranks how many ranks
     * @param store the store URL given to every rank
     * @param arguments the further arguments of every rank
     * @param timeoutSeconds the ranks' own bound; a rank still running {@value #GRACE_SECONDS} s after it is killed
     * @param out where rank output goes
     * @param err where failures are reported
     * @return the number of ranks that failed, timed out or could not start
     * @throws IOException when a process cannot be started
     * @throws InterruptedException when interrupted (the ranks are stopped)
     */
    public static int run(final String tool, final Path launcher, final String rankCommand, final int ranks,
        final String store, final List<String> arguments, final int timeoutSeconds, final PrintStream out,
        final PrintStream err) throws IOException, InterruptedException {
        final List<Process> started = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        try {
            for (int r = 0; r < ranks; r++) {
                final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), rankCommand, "--rank",
                    Integer.toString(r), "--store", store));
                cmd.addAll(arguments);
                final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                started.add(p);
                pumps.add(pump(p, "[rank " + r + "] ", out, tool));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + GRACE_SECONDS);
            int failed = 0;
            for (int r = 0; r < started.size(); r++) {
                final Process p = started.get(r);
                final long left = Math.max(1, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    err.println(tool + ": rank did not finish in time, killing it: rank=" + r + ", timeoutS="
                        + timeoutSeconds);
                    p.destroyForcibly();
                    failed++;
                } else if (p.exitValue() != 0) {
                    err.println(tool + ": rank failed: rank=" + r + ", exitCode=" + p.exitValue());
                    failed++;
                }
            }
            for (final Thread t : pumps) {
                t.join(PUMP_JOIN_MS);
            }
            return failed;
        } finally {
            for (final Process p : started) {
                if (p.isAlive()) {
                    p.destroy();
                }
            }
        }
    }

    private static Thread pump(final Process p, final String prefix, final PrintStream out, final String tool) {
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
        }, "memfabric-" + tool + "-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
