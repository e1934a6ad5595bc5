package org.memfabric.tools.bmbench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.memory.NativeMemory;
import org.memfabric.tools.bench.LatencyHistogram;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.ProgressBar;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric bench bm}: this process is rank 0 (embedding the config store), the other ranks are started as
 * {@code memfabric bench-bm-rank} processes; rank 0 then measures, per copy type and size, synchronous copies (p50,
 * p99 and GB/s) and asynchronous copies with a window in flight (GB/s), against rank 1's host pool. The peer is
 * another process, so the transport under test really carries every byte. Runs on the launcher's main thread.
 */
public final class BmBenchTool {
    /** Alignment of the local buffer. */
    private static final int PAGE_BYTES = 4096;
    /** Warm-up time per row. */
    private static final long WARM_UP_NS = 400_000_000L;
    /** Warm-up copies per row at most. */
    private static final int WARM_UP_MAX_COPIES = 200_000;

    private final BigMemoryService bm;
    private final ConfigStoreService stores;
    private final Path launcher;

    /**
     * Creates the benchmark.
     *
     * @param bm the BM module
     * @param stores the config store module
     * @param launcher the {@code bin/memfabric} script that starts the other ranks
     */
    public BmBenchTool(final BigMemoryService bm, final ConfigStoreService stores, final Path launcher) {
        this.bm = Objects.requireNonNull(bm, "bm");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    private static BmBenchSettings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse("bench bm", args, BmBenchSettings.VALUE_OPTIONS,
            BmBenchSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        return BmBenchSettings.parse("bench bm", a);
    }

    /**
     * Runs the benchmark.
     *
     * @param args the arguments after {@code bench bm}
     * @param out the table
     * @param err progress and errors
     * @return the exit code
     * @throws Exception when the rank processes cannot be started or waited for
     */
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception {
        final ParsedArgs<BmBenchSettings> parsed = ParsedArgs.parse("bench bm", BmBenchSettings.USAGE, args,
            BmBenchTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final BmBenchSettings s = parsed.value();
        if (!Files.isExecutable(launcher)) {
            err.println("bench bm: cannot start rank processes, launcher script not found: path=" + launcher);
            return 1;
        }
        final StoreUrl url = StoreUrl.parse("tcp://127.0.0.1:" + freePort());
        final List<Process> helpers = new ArrayList<>();
        try {
            for (int r = 1; r < s.ranks; r++) {
                final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), BmBenchRankTool.NAME, "--rank",
                    Integer.toString(r), "--store", url.toString()));
                cmd.addAll(s.rankArguments());
                helpers.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            out.println("bench bm: ranks=" + s.ranks + " transport=" + s.transport + " sizes=" + s.sizes + " window="
                + s.window + " budgetMiB=" + (s.budgetBytes >> 20) + " poolMiB=" + (s.poolBytes() >> 20) + " java="
                + System.getProperty("java.version") + " cpus=" + Runtime.getRuntime().availableProcessors());
            try (BenchRank rank = new BenchRank(bm, stores, url, 0, s.ranks, s, s.poolBytes())) {
                final List<String> rows = measure(rank.memory(), s, err);
                out.printf(Locale.ROOT, "%-12s %10s %-6s %8s %9s %9s %9s  %s%n", "copy", "size", "mode", "copies",
                    "GB/s", "p50 µs", "p99 µs", "transport");
                rows.forEach(out::println);
                rank.barrier();
            }
            for (final Process p : helpers) {
                if (!p.waitFor(s.timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    err.println("bench bm: a helper rank failed or hung");
                    return 1;
                }
            }
            return 0;
        } catch (final MemFabricException e) {
            err.println("bench bm: " + Failures.describe(e));
            return 1;
        } finally {
            for (final Process p : helpers) {
                if (p.isAlive()) {
                    p.destroy();
                }
            }
        }
    }

    private List<String> measure(final BigMemory m, final BmBenchSettings s, final PrintStream err) {
        final long maxSize = s.maxSize();
        // page-aligned, as the C baseline's mmap'd buffers: a malloc-aligned (16-byte) buffer copies 1 MiB at about
        // two thirds of the speed, because its cache lines do not line up with the pool's
        final ByteBuffer local = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 8 - PAGE_BYTES,
            maxSize * s.window) + PAGE_BYTES).alignedSlice(PAGE_BYTES);
        for (int i = 0; i < local.capacity(); i += 4096) {
            local.put(i, (byte) i);
        }
        m.registerUserMem(local);
        final long localAddr = NativeMemory.address(local);
        final long peer = m.ptr(BmMemType.HOST, 1);
        final long g2gSource = s.ranks >= 3 ? m.ptr(BmMemType.HOST, 2) : m.ptr(BmMemType.HOST, 0);
        final String g2gName = s.ranks >= 3 ? "G2G(2->1)" : "G2G(0->1)";
        final List<String> rows = new ArrayList<>();
        final ProgressBar bar = new ProgressBar(err, 3 * s.sizes.size());
        // the copy path reaches its compiled steady state only after some 10^5 copies: run every type first
        for (int round = 0; round < 2; round++) {
            warmUp((slot, async) -> issue(m, localAddr, peer, 8, BmCopyType.H2G, false));
            warmUp((slot, async) -> issue(m, peer, localAddr, 8, BmCopyType.G2H, false));
            warmUp((slot, async) -> issue(m, g2gSource, peer, 8, BmCopyType.G2G, false));
        }
        for (final String type : List.of("H2G", "G2H", g2gName)) {
            for (final long size : s.sizes) {
                bar.step(type + " " + size + " B");
                final Copy copy = (slot, async) -> {
                    final long off = slot * size;
                    switch (type) {
                        case "H2G":
                            return issue(m, localAddr + off, peer + off, size, BmCopyType.H2G, async);
                        case "G2H":
                            return issue(m, peer + off, localAddr + off, size, BmCopyType.G2H, async);
                        default:
                            return issue(m, g2gSource + off, peer + off, size, BmCopyType.G2G,
                                async);
                    }
                };
                final long iters = Math.max(20, Math.min(20_000, s.budgetBytes / size));
                copy.run(0, false); // the first copy chooses the route
                rows.add(sync(type, size, iters, copy, m.transportFor(1)));
                if (size >= 64 * 1024) {
                    rows.add(async(type, size, iters, s.window, copy, m.transportFor(1)));
                }
            }
        }
        m.unregisterUserMem(localAddr);
        java.lang.ref.Reference.reachabilityFence(local);
        return rows;
    }

    @FunctionalInterface
    private interface Copy {
        CompletableFuture<Void> run(long slot, boolean async);
    }

    private static CompletableFuture<Void> issue(final BigMemory m, final long src, final long dest, final long size,
        final BmCopyType type, final boolean async) {
        if (async) {
            return m.copyAsync(src, dest, size, type);
        }
        m.copy(src, dest, size, type, 0);
        return null;
    }

    private static String sync(final String type, final long size, final long iters, final Copy copy,
        final String transport) {
        warmUp(copy);
        final LatencyHistogram h = new LatencyHistogram();
        final long t0 = System.nanoTime();
        for (long i = 0; i < iters; i++) {
            final long a = System.nanoTime();
            copy.run(0, false);
            h.record(System.nanoTime() - a);
        }
        final long ns = System.nanoTime() - t0;
        return String.format(Locale.ROOT, "%-12s %10d %-6s %8d %9.3f %9.2f %9.2f  %s", type, size, "sync", iters,
            (double) size * iters / ns, h.percentileNs(50) / 1e3, h.percentileNs(99) / 1e3, transport);
    }

    /**
     * Copies until the JIT has compiled the path: at least {@link #WARM_UP_NS} or {@link #WARM_UP_MAX_COPIES}
     * copies, whichever comes first (a fixed count of 1000 left the first rows measuring interpreted code).
     */
    private static void warmUp(final Copy copy) {
        final long end = System.nanoTime() + WARM_UP_NS;
        for (int i = 0; i < WARM_UP_MAX_COPIES && System.nanoTime() < end; i++) {
            copy.run(0, false);
        }
    }

    private static String async(final String type, final long size, final long iters, final int window,
        final Copy copy, final String transport) {
        // warm up with the window in flight too: the first asynchronous copies open the transport's further links
        // (tcp) and start the copy threads, which the synchronous warm-up does not
        final long warmEnd = System.nanoTime() + WARM_UP_NS;
        for (long i = 0; i < WARM_UP_MAX_COPIES && System.nanoTime() - warmEnd < 0; i += window) {
            runWindow(copy, window, window);
        }
        final long t0 = System.nanoTime();
        runWindow(copy, window, iters);
        final long ns = System.nanoTime() - t0;
        return String.format(Locale.ROOT, "%-12s %10d %-6s %8d %9.3f %9s %9s  %s", type, size, "async" + window, iters,
            (double) size * iters / ns, "-", "-", transport);
    }

    /** Issues {@code count} asynchronous copies, keeping {@code window} in flight, and waits for all of them. */
    private static void runWindow(final Copy copy, final int window, final long count) {
        final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            inFlight.add(null);
        }
        for (long i = 0; i < count; i++) {
            final int slot = (int) (i % window);
            if (inFlight.get(slot) != null) {
                inFlight.get(slot).join();
            }
            inFlight.set(slot, copy.run(slot, true));
        }
        for (final CompletableFuture<Void> f : inFlight) {
            if (f != null) {
                f.join();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
