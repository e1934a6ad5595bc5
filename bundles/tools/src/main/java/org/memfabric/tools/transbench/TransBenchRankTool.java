package org.memfabric.tools.transbench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric bench-trans-rank}: the receiver of {@code memfabric bench trans}: creates a RECEIVER engine,
 * registers {@code batch × largest size} bytes of the chosen kind, publishes them and answers the sender's steps
 * (see {@link ControlChannel}) until told to end. Runs on the launcher's main thread.
 */
public final class TransBenchRankTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "bench-trans-rank";
    static final String USAGE = "usage: memfabric bench-trans-rank --store tcp://HOST:PORT --prefix P "
        + "[--transport shm|tcp] [--sizes LIST] [--batch B] [--timeout-s S]\n"
        + "  the receiver of 'memfabric bench trans' (which starts it)\n";

    private final TransferService transfer;
    private final ConfigStoreService stores;

    /**
     * Creates the tool.
     *
     * @param transfer the TRANS module
     * @param stores the config store module
     */
    public TransBenchRankTool(final TransferService transfer, final ConfigStoreService stores) {
        this.transfer = Objects.requireNonNull(transfer, "transfer");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "the receiver of 'memfabric bench trans' (started by bench trans)";
    }

    /** The parsed command line. */
    static final class Settings {
        final TransBenchSettings bench;
        final StoreUrl store;
        final String prefix;

        Settings(final TransBenchSettings bench, final StoreUrl store, final String prefix) {
            this.bench = bench;
            this.store = store;
            this.prefix = prefix;
        }
    }

    static Settings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, TransBenchSettings.RANK_VALUE_OPTIONS,
            TransBenchSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        final TransBenchSettings bench = TransBenchSettings.parse(NAME, a);
        final String prefix = a.required("--prefix");
        if (prefix.isBlank()) {
            throw new UsageError(NAME + ": --prefix must not be empty: value=\"" + prefix + "\"");
        }
        try {
            return new Settings(bench, StoreUrl.parse(a.required("--store")), prefix);
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --store is not a store url: " + e.getMessage());
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ParsedArgs<Settings> parsed = ParsedArgs.parse(NAME, USAGE, args, TransBenchRankTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Settings s = parsed.value();
        final Duration timeout = Duration.ofSeconds(s.bench.timeoutSeconds);
        try (ConfigStore store = stores.connect(s.store, new StoreClientOptions().connectTimeout(timeout)
            .requestTimeout(timeout))) {
            final ControlChannel channel = new ControlChannel(store.withPrefix(s.prefix), timeout, () -> true);
            try (TransEndpoint endpoint = new TransEndpoint(transfer, s.store, TransRole.RECEIVER, s.bench);
                BenchRegion region = BenchRegion.create(endpoint.engine(), s.bench.transport,
                    s.bench.regionBytes())) {
                final int steps = new TransReceiver(endpoint.uniqueId(), region, channel).serve();
                out.println(NAME + ": served " + steps + " steps");
                return EXIT_OK;
            } catch (final MemFabricException e) {
                try {
                    channel.failReceiver(Failures.describe(e)); // the sender stops waiting at once
                } catch (final MemFabricException unreported) {
                    e.addSuppressed(unreported);
                }
                throw e;
            }
        } catch (final MemFabricException e) {
            err.println(NAME + ": failed: " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }
}
