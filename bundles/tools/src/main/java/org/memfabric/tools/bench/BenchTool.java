package org.memfabric.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric bench store}: measures a config store (an embedded one on a free loopback port unless
 * {@code --url} names one): SET/GET latency with one client, SET/GET throughput with N closed-loop clients (driven
 * by completions or by a thread each, see {@link ThroughputDriver.Kind}), and barrier latency of static groups. Prints progress on the error stream, a table on standard output and, with
 * {@code --csv}, one CSV record per row. Every run works under a fresh key prefix, so runs against a shared server
 * do not disturb each other.
 *
 * <p>Threading: {@link #run} runs on the calling thread, which drives the phases; the throughput and barrier phases
 * use the store's I/O threads or their own daemon threads (see {@link AsyncThroughputBench}, {@link ThroughputBench},
 * {@link BarrierBench}).
 */
public final class BenchTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "bench";

    static final String USAGE = BenchSettings.USAGE;

    private final ConfigStoreService stores;
    private final org.memfabric.tools.bmbench.BmBenchTool bmBench;
    private final org.memfabric.tools.transbench.TransBenchTool transBench;

    /**
     * Creates the tool with {@code bench store} only.
     *
     * @param stores the config store service that starts the embedded server and connects the clients
     */
    public BenchTool(final ConfigStoreService stores) {
        this(stores, null);
    }

    /**
     * Creates the tool with {@code bench store} and {@code bench bm}.
     *
     * @param stores the config store service that starts the embedded server and connects the clients
     * @param bmBench the BM benchmark, or null when BM is not installed
     */
    public BenchTool(final ConfigStoreService stores, final org.memfabric.tools.bmbench.BmBenchTool bmBench) {
        this(stores, bmBench, null);
    }

    /**
     * Creates the tool with {@code bench store}, {@code bench bm} and {@code bench trans}.
     *
     * @param stores the config store service that starts the embedded server and connects the clients
     * @param bmBench the BM benchmark, or null when BM is not installed
     * @param transBench the TRANS benchmark, or null when TRANS is not installed
     */
    public BenchTool(final ConfigStoreService stores, final org.memfabric.tools.bmbench.BmBenchTool bmBench,
        final org.memfabric.tools.transbench.TransBenchTool transBench) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.bmBench = bmBench;
        this.transBench = transBench;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "benchmarks: 'bench store' (config store latency, throughput, barriers), 'bench bm' (BM copy "
            + "bandwidth and latency per copy type and size), 'bench trans' (TRANS batch write/read latency and "
            + "bandwidth per block size)";
    }

    private static BenchSettings parseStore(final List<String> args) throws UsageError {
        if (args.isEmpty() || !args.get(0).equals("store")) {
            throw new UsageError(NAME + ": unknown benchmark: name=" + (args.isEmpty() ? "" : args.get(0))
                + ", expected=store, bm or trans");
        }
        return BenchSettings.parse(args.subList(1, args.size()));
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("bm")) {
            if (bmBench == null) {
                err.println(NAME + " bm: the BM module is not installed");
                return EXIT_FAILURE;
            }
            return bmBench.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.get(0).equals("trans")) {
            if (transBench == null) {
                err.println(NAME + " trans: the TRANS module is not installed");
                return EXIT_FAILURE;
            }
            return transBench.run(args.subList(1, args.size()), out, err);
        }
        final ParsedArgs<BenchSettings> parsed = ParsedArgs.parse(NAME, USAGE, args, BenchTool::parseStore, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final BenchSettings settings = parsed.value();
        try {
            final List<BenchRow> rows = measure(settings, out, new Progress(err));
            report(settings, rows, out);
            return EXIT_OK;
        } catch (final MemFabricException e) {
            err.println(NAME + " store: " + Failures.describe(e));
            return EXIT_FAILURE;
        } catch (final IOException e) {
            err.println(NAME + " store: csv not written: " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }

    private List<BenchRow> measure(final BenchSettings settings, final PrintStream out, final Progress progress)
        throws InterruptedException {
        ConfigStoreServer embedded = null;
        try {
            final StoreUrl url;
            if (settings.url.isPresent()) {
                url = settings.url.get();
            } else {
                embedded = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"),
                    new StoreServerOptions().tls(settings.tls));
                url = embedded.url();
            }
            out.println("bench store: url=" + url + " server=" + (embedded == null ? "external" : "embedded")
                + " valueSize=" + settings.valueSizeBytes + " requests=" + settings.requests + " clients="
                + settings.clients + " driver=" + settings.driver.label() + " ranks=" + settings.ranks + " warmup="
                + settings.warmup + " tls="
                + (settings.tls.enabled() ? "on" : "off") + " java=" + System.getProperty("java.version")
                + " cpus=" + Runtime.getRuntime().availableProcessors());
            out.flush();
            return new Run(url, settings, progress).all();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** One benchmark run against one server URL, under a prefix unique to the run. */
    private final class Run {
        private final StoreUrl url;
        private final BenchSettings settings;
        private final Progress progress;
        private final String prefix = "memfabric-bench/" + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + "/";
        private final byte[] value;

        Run(final StoreUrl url, final BenchSettings settings, final Progress progress) {
            this.url = url;
            this.settings = settings;
            this.progress = progress;
            this.value = new byte[settings.valueSizeBytes];
            Arrays.fill(value, (byte) 'x');
        }

        List<BenchRow> all() throws InterruptedException {
            final List<BenchRow> rows = new ArrayList<>();
            if (settings.phases.contains(BenchSettings.Phase.LATENCY)) {
                rows.addAll(latency());
            }
            if (settings.phases.contains(BenchSettings.Phase.THROUGHPUT)) {
                rows.addAll(throughput());
            }
            if (settings.phases.contains(BenchSettings.Phase.BARRIER)) {
                for (final int ranks : settings.ranks) {
                    rows.add(barrier(ranks));
                }
            }
            return rows;
        }

        private List<BenchRow> latency() {
            progress.say("latency: 1 client, " + settings.warmup + " warm-up + " + settings.requests
                + " measured calls each of SET and GET");
            try (ConfigStore client = connect()) {
                final List<BenchRow> rows = new LatencyBench(client.withPrefix(prefix + "latency/"), "key", value)
                    .run(settings.requests, settings.warmup);
                client.remove(prefix + "latency/key");
                rows.forEach(row -> progress.say("  " + row.op() + " done: p50Us="
                    + row.latency().percentileNs(50) / 1000.0 + " opsPerS=" + Math.round(row.opsPerSecond())));
                return rows;
            }
        }

        private List<BenchRow> throughput() throws InterruptedException {
            progress.say("throughput: connecting " + settings.clients + " clients");
            final List<ConfigStore> clients = new ArrayList<>();
            try {
                final List<ConfigStore> scoped = new ArrayList<>();
                for (int i = 0; i < settings.clients; i++) {
                    final ConfigStore client = connect();
                    clients.add(client);
                    scoped.add(client.withPrefix(prefix + "throughput/"));
                }
                final List<BenchRow> rows = new ArrayList<>();
                try (ThroughputDriver bench = settings.driver == ThroughputDriver.Kind.ASYNC
                    ? new AsyncThroughputBench(scoped, "key", value) : new ThroughputBench(scoped, "key", value)) {
                    for (final ThroughputDriver.Op op : ThroughputDriver.Op.values()) {
                        progress.say("throughput: " + op + " with " + settings.clients + " clients (driver "
                            + settings.driver.label() + "), " + settings.warmup + " warm-up + " + settings.requests
                            + " measured calls");
                        final BenchRow row = bench.run(op, settings.requests, settings.warmup);
                        progress.say("  " + op + " done: opsPerS=" + Math.round(row.opsPerSecond()));
                        rows.add(row);
                    }
                }
                clients.get(0).remove(prefix + "throughput/key");
                return rows;
            } finally {
                clients.forEach(ConfigStore::close);
            }
        }

        private BenchRow barrier(final int ranks) throws InterruptedException {
            final int warmupRounds = Math.max(10, settings.barrierRounds / 10);
            progress.say("barrier: " + ranks + " ranks, " + warmupRounds + " warm-up + " + settings.barrierRounds
                + " measured rounds");
            final List<ConfigStore> clients = new ArrayList<>();
            try {
                final List<ConfigStore> scoped = new ArrayList<>();
                for (int i = 0; i < ranks; i++) {
                    final ConfigStore client = connect();
                    clients.add(client);
                    scoped.add(client.withPrefix(prefix + "barrier-" + ranks + "/"));
                }
                final BenchRow row = new BarrierBench(scoped).run(settings.barrierRounds, warmupRounds);
                progress.say("  " + ranks + " ranks done: p50Us=" + row.latency().percentileNs(50) / 1000.0);
                return row;
            } finally {
                clients.forEach(ConfigStore::close);
            }
        }

        private ConfigStore connect() {
            return stores.connect(url, new StoreClientOptions().tls(settings.tls)
                .connectTimeout(Duration.ofSeconds(10)));
        }
    }

    private static void report(final BenchSettings settings, final List<BenchRow> rows, final PrintStream out)
        throws IOException {
        out.println(BenchRow.tableHeader());
        for (final BenchRow row : rows) {
            out.println(row.tableLine());
        }
        out.flush();
        if (settings.csv.isPresent()) {
            final Path csv = settings.csv.get();
            final StringBuilder text = new StringBuilder(BenchRow.CSV_HEADER).append('\n');
            rows.forEach(row -> text.append(row.csv()).append('\n'));
            Files.writeString(csv, text, StandardCharsets.UTF_8);
            out.println("csv written: file=" + csv.toAbsolutePath());
        }
    }
}
