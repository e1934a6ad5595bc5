package org.memfabric.tools.store;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.LastRankPolicy;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.TlsArguments;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric store}: a stand-alone config store server that runs until it is stopped.
 *
 * <p>Threading: {@link #run} blocks the calling thread (the launcher's main thread) until that thread is interrupted
 * (SIGINT/SIGTERM through the launcher's shutdown hook) or {@link #stop()} is called from any thread (the DS
 * component's deactivation); it then closes the server and returns {@link ToolCommand#EXIT_OK}.
 */
public final class StoreServerTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "store";

    static final String USAGE = "usage: memfabric store --listen tcp://HOST:PORT [--world-size N] [--last-rank keep|wipe]\n"
        + "                       [--heartbeat-timeout-ms N] [tls options]\n"
        + "  --listen URL                the address to listen on: tcp://a.b.c.d:port, tcp://[v6]:port (port 0: any)\n"
        + "  --world-size N              expected ranks, 0..1024 (default 0: from the first ranked client)\n"
        + "  --last-rank keep|wipe       what happens to the keys when the last rank leaves (default keep)\n"
        + "  --heartbeat-timeout-ms N    silence after which a heartbeating link is closed (default 10000)\n"
        + TlsArguments.USAGE
        + "Prints 'store listening: url=... tls=on|off' and serves until interrupted (Ctrl-C, SIGTERM).\n";

    private static final Set<String> VALUE_OPTIONS = Arguments.union(TlsArguments.VALUE_OPTIONS,
        Set.of("--listen", "--world-size", "--last-rank", "--heartbeat-timeout-ms"));
    private static final Set<String> FLAG_OPTIONS = Arguments.union(TlsArguments.FLAG_OPTIONS, Set.of("--help"));

    private final ConfigStoreService stores;
    private final List<CountDownLatch> running = new CopyOnWriteArrayList<>();

    /**
     * Creates the tool.
     *
     * @param stores the config store service that starts the server
     */
    public StoreServerTool(final ConfigStoreService stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "run a stand-alone config store server until interrupted";
    }

    /** The server settings of one command line. */
    static final class Settings {
        final StoreUrl listen;
        final StoreServerOptions options;
        final boolean tls;

        Settings(final StoreUrl listen, final StoreServerOptions options, final boolean tls) {
            this.listen = listen;
            this.options = options;
            this.tls = tls;
        }
    }

    /**
     * Parses a command line into server settings.
     *
     * @param args the arguments after {@code store}
     * @return the settings
     * @throws UsageError naming the argument at fault
     */
    static Settings parse(final List<String> args) throws UsageError {
        final Arguments parsed = Arguments.parse(NAME, args, VALUE_OPTIONS, FLAG_OPTIONS);
        parsed.requireNoMorePositionals(0);
        final StoreUrl listen;
        final String url = parsed.required("--listen");
        try {
            listen = StoreUrl.parseListen(url);
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --listen is not a store url: " + e.getMessage());
        }
        final StoreServerOptions options = new StoreServerOptions()
            .worldSize(parsed.intIn("--world-size", 0, 0, 1024))
            .heartbeatTimeout(Duration.ofMillis(parsed.longIn("--heartbeat-timeout-ms", 10_000, 100, 3_600_000)))
            .lastRankPolicy(lastRank(parsed.value("--last-rank").orElse("keep")));
        final TlsSettings tls = TlsArguments.settings(parsed);
        options.tls(tls);
        return new Settings(listen, options, tls.enabled());
    }

    private static LastRankPolicy lastRank(final String text) throws UsageError {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "keep":
                return LastRankPolicy.KEEP;
            case "wipe":
                return LastRankPolicy.WIPE;
            default:
                throw new UsageError(NAME + ": --last-rank must be keep or wipe: value=" + text);
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ParsedArgs<Settings> parsed = ParsedArgs.parse(NAME, USAGE, args, StoreServerTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Settings settings = parsed.value();
        final CountDownLatch stopped = new CountDownLatch(1);
        running.add(stopped);
        try {
            return serve(settings, stopped, out, err);
        } finally {
            running.remove(stopped);
        }
    }

    private int serve(final Settings settings, final CountDownLatch stopped, final PrintStream out,
        final PrintStream err) {
        final ConfigStoreServer server;
        try {
            server = stores.startServer(settings.listen, settings.options);
        } catch (final MemFabricException e) {
            err.println(NAME + ": server did not start: " + Failures.describe(e));
            return EXIT_FAILURE;
        }
        try {
            out.println("store listening: url=" + server.url() + " tls=" + (settings.tls ? "on" : "off")
                + " worldSize=" + settings.options.worldSize() + " lastRank="
                + settings.options.lastRankPolicy().name().toLowerCase(Locale.ROOT));
            out.flush();
            stopped.await();
        } catch (final InterruptedException e) {
            // the launcher's shutdown hook interrupts this thread: stop serving; the flag stays cleared on purpose
        } finally {
            server.close();
            out.println("store stopped: url=" + server.url());
            out.flush();
        }
        return EXIT_OK;
    }

    /** Releases every {@link #run} in progress, which then closes its server. Callable from any thread. */
    public void stop() {
        running.forEach(CountDownLatch::countDown);
    }
}
