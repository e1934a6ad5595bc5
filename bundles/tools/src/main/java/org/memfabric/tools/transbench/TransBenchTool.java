package org.memfabric.tools.transbench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferService;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.ProgressBar;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric bench trans}: starts an embedded config store on a free loopback port and a receiver process
 * ({@code memfabric bench-trans-rank}), creates a SENDER engine in this process and measures, per op (batch write,
 * batch read) and block size, batches of {@code batch} blocks into and out of the receiver's registered memory:
 * batch latency p50/p99 and bandwidth, then checks the bytes with CRC32C. Prints a table (and a CSV with
 * {@code --csv}); the exit code is 1 when any verification failed. Runs on the launcher's main thread.
 */
public final class TransBenchTool {
    static final String COMMAND = "bench trans";

    private final TransferService transfer;
    private final ConfigStoreService stores;
    private final ReceiverLauncher receivers;
    private final Path launcher;

    /**
     * Creates the benchmark that starts its receiver through the launcher script.
     *
     * @param transfer the TRANS module
     * @param stores the config store module
     * @param launcher the {@code bin/memfabric} script
     */
    public TransBenchTool(final TransferService transfer, final ConfigStoreService stores, final Path launcher) {
        this(transfer, stores, ReceiverLauncher.process(launcher), Objects.requireNonNull(launcher, "launcher"));
    }

    TransBenchTool(final TransferService transfer, final ConfigStoreService stores, final ReceiverLauncher receivers,
        final Path launcher) {
        this.transfer = Objects.requireNonNull(transfer, "transfer");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.receivers = Objects.requireNonNull(receivers, "receivers");
        this.launcher = launcher;
    }

    static TransBenchSettings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(COMMAND, args, TransBenchSettings.VALUE_OPTIONS,
            TransBenchSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        return TransBenchSettings.parse(COMMAND, a);
    }

    /**
     * Runs the benchmark.
     *
     * @param args the arguments after {@code bench trans}
     * @param out the table
     * @param err progress and errors
     * @return the exit code
     * @throws InterruptedException when interrupted while waiting for the receiver
     */
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
        throws InterruptedException {
        final ParsedArgs<TransBenchSettings> parsed = ParsedArgs.parse(COMMAND, TransBenchSettings.USAGE, args,
            TransBenchTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final TransBenchSettings s = parsed.value();
        if (launcher != null && !Files.isExecutable(launcher)) {
            err.println(COMMAND + ": cannot start the receiver process, launcher script not found: path=" + launcher);
            return 1;
        }
        final Duration timeout = Duration.ofSeconds(s.timeoutSeconds);
        final String prefix = "memfabric-bench-trans/" + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + "/";
        ConfigStoreServer server = null;
        ReceiverLauncher.Receiver receiver = null;
        try {
            server = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"), new StoreServerOptions());
            final StoreUrl url = server.url();
            final List<String> rankArgs = new ArrayList<>(List.of("--store", url.toString(), "--prefix", prefix));
            rankArgs.addAll(s.rankArguments());
            receiver = receivers.start(rankArgs);
            out.println(COMMAND + ": transport=" + s.transport.label() + " dataOpTypes=" + s.transport.dataOpTypes()
                + " memory=" + (s.transport == TransBenchSettings.Transport.SHM ? "allocateMem"
                    : "allocateDirect+registerMem") + " sizes=" + sizeList(s.sizes) + " batch=" + s.batch + " layout=" + s.layoutLabel()
                + " iterations=" + (s.iterations > 0 ? Integer.toString(s.iterations) : "auto") + " ops="
                + opList(s.ops) + " regionMiB=" + (s.regionBytes() >> 20) + " store=" + url + " java="
                + System.getProperty("java.version") + " cpus=" + Runtime.getRuntime().availableProcessors());
            out.flush();
            final List<TransBenchRow> rows;
            final ReceiverLauncher.Receiver peer = receiver;
            try (ConfigStore store = stores.connect(url, new StoreClientOptions().connectTimeout(timeout)
                .requestTimeout(timeout));
                TransEndpoint endpoint = new TransEndpoint(transfer, url, TransRole.SENDER, s);
                BenchRegion local = BenchRegion.create(endpoint.engine(), s.transport, s.regionBytes())) {
                final ControlChannel channel = new ControlChannel(store.withPrefix(prefix), timeout, peer::isAlive);
                rows = new TransSender(endpoint.engine(), local, channel, s)
                    .run(new ProgressBar(err, s.ops.size() * s.sizes.size()));
            }
            if (!receiver.awaitSuccess(s.timeoutSeconds)) {
                err.println(COMMAND + ": the receiver process failed or hung; its output:\n" + receiver.output());
                return 1;
            }
            report(s, rows, out);
            final long failed = rows.stream().filter(r -> !r.verified()).count();
            if (failed > 0) {
                err.println(COMMAND + ": verification FAILED for " + failed + " of " + rows.size() + " rows");
                return 1;
            }
            return 0;
        } catch (final MemFabricException e) {
            err.println(COMMAND + ": " + Failures.describe(e));
            if (receiver != null && !receiver.isAlive()) {
                err.println(COMMAND + ": receiver output:\n" + receiver.output());
            }
            return 1;
        } catch (final IOException e) {
            err.println(COMMAND + ": " + Failures.describe(e));
            return 1;
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    private static void report(final TransBenchSettings s, final List<TransBenchRow> rows, final PrintStream out)
        throws IOException {
        out.println(TransBenchRow.tableHeader());
        rows.forEach(r -> out.println(r.tableLine()));
        out.flush();
        if (s.csv.isPresent()) {
            final StringBuilder text = new StringBuilder(TransBenchRow.CSV_HEADER).append('\n');
            rows.forEach(r -> text.append(r.csv()).append('\n'));
            Files.writeString(s.csv.get(), text, StandardCharsets.UTF_8);
            out.println("csv written: file=" + s.csv.get().toAbsolutePath());
        }
    }

    static String sizeList(final List<Long> sizes) {
        final StringBuilder b = new StringBuilder();
        for (final long size : sizes) {
            b.append(b.length() == 0 ? "" : ",").append(TransBenchRow.sizeLabel(size));
        }
        return b.toString();
    }

    private static String opList(final List<TransBenchSettings.Op> ops) {
        final StringBuilder b = new StringBuilder();
        for (final TransBenchSettings.Op op : ops) {
            b.append(b.length() == 0 ? "" : ",").append(op.label());
        }
        return b.toString();
    }
}
