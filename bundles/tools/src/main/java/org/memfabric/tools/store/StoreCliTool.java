package org.memfabric.tools.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.TlsArguments;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric store-cli}: one config store operation per process. Values are given and printed as UTF-8 text.
 * Runs on the calling thread; a {@code watch} waits on that thread for the listener, which runs on the client's
 * callback thread.
 */
public final class StoreCliTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "store-cli";
    /** Exit code of {@code cas} when the value did not match and nothing was stored. */
    public static final int EXIT_NOT_SWAPPED = 3;

    static final String USAGE = "usage: memfabric store-cli --url tcp://HOST:PORT [--connect-timeout-ms N] [tls options] OPERATION\n"
        + "operations:\n"
        + "  set KEY VALUE               store VALUE; prints OK\n"
        + "  get KEY [--timeout-ms N]    print the value; waits up to N ms for the key (default 0: no wait, -1: forever)\n"
        + "  add KEY N                   add N to a decimal counter; prints the new value\n"
        + "  append KEY VALUE            append VALUE; prints the new length in bytes\n"
        + "  remove KEY                  remove the key; prints removed or absent\n"
        + "  cas KEY EXPECTED NEW        store NEW if the value equals EXPECTED ('' = absent); prints swapped or\n"
        + "                              not-swapped and the previous value; exit 3 when not swapped\n"
        + "  watch KEY [--timeout-ms N]  wait until the key exists (default forever) and print its value\n"
        + "options:\n"
        + "  --url URL                   the store: tcp://a.b.c.d:port or tcp://[v6]:port\n"
        + "  --connect-timeout-ms N      how long to keep trying to connect (default 10000)\n"
        + TlsArguments.USAGE
        + "Failures print what went wrong and the store code, and exit 1.\n";

    private static final Set<String> VALUE_OPTIONS = Arguments.union(TlsArguments.VALUE_OPTIONS,
        Set.of("--url", "--connect-timeout-ms", "--timeout-ms"));
    private static final Set<String> FLAG_OPTIONS = Arguments.union(TlsArguments.FLAG_OPTIONS, Set.of("--help"));

    private final ConfigStoreService stores;

    /**
     * Creates the tool.
     *
     * @param stores the config store service that connects the client
     */
    public StoreCliTool(final ConfigStoreService stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "config store client: set, get, add, append, remove, cas, watch";
    }

    /** One parsed operation. */
    static final class Request {
        final StoreUrl url;
        final StoreClientOptions options;
        final String operation;
        final List<String> operands;
        final long timeoutMs;

        Request(final StoreUrl url, final StoreClientOptions options, final String operation,
            final List<String> operands, final long timeoutMs) {
            this.url = url;
            this.options = options;
            this.operation = operation;
            this.operands = operands;
            this.timeoutMs = timeoutMs;
        }
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments after {@code store-cli}
     * @return the request
     * @throws UsageError naming the argument at fault
     */
    static Request parse(final List<String> args) throws UsageError {
        final Arguments parsed = Arguments.parse(NAME, args, VALUE_OPTIONS, FLAG_OPTIONS);
        final String url = parsed.required("--url");
        final StoreUrl storeUrl;
        try {
            storeUrl = StoreUrl.parse(url);
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --url is not a store url: " + e.getMessage());
        }
        final List<String> words = parsed.positionals();
        if (words.isEmpty()) {
            throw new UsageError(NAME + ": operation missing: expected=set|get|add|append|remove|cas|watch");
        }
        final String operation = words.get(0);
        final int operands = operandCount(operation);
        if (words.size() - 1 != operands) {
            throw new UsageError(NAME + ": " + operation + " takes " + operands + " argument"
                + (operands == 1 ? "" : "s") + ": given=" + (words.size() - 1));
        }
        final boolean waits = operation.equals("get") || operation.equals("watch");
        if (!waits && parsed.has("--timeout-ms")) {
            throw new UsageError(NAME + ": --timeout-ms applies to get and watch only: operation=" + operation);
        }
        final long timeoutMs = parsed.longIn("--timeout-ms", operation.equals("get") ? 0 : -1, -1,
            TimeUnit.DAYS.toMillis(30));
        if (operation.equals("add")) {
            Arguments.parseLong(NAME, "add increment", words.get(2), Long.MIN_VALUE, Long.MAX_VALUE);
        }
        final StoreClientOptions options = new StoreClientOptions()
            .connectTimeout(Duration.ofMillis(parsed.longIn("--connect-timeout-ms", 10_000, 1, 3_600_000)))
            .heartbeatInterval(Duration.ZERO)
            .reconnectTimeout(Duration.ZERO)
            .tls(TlsArguments.settings(parsed));
        return new Request(storeUrl, options, operation, words.subList(1, words.size()), timeoutMs);
    }

    private static int operandCount(final String operation) throws UsageError {
        switch (operation) {
            case "get":
            case "remove":
            case "watch":
                return 1;
            case "set":
            case "add":
            case "append":
                return 2;
            case "cas":
                return 3;
            default:
                throw new UsageError(NAME + ": unknown operation: operation=" + operation
                    + ", expected=set|get|add|append|remove|cas|watch");
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws InterruptedException {
        final ParsedArgs<Request> parsed = ParsedArgs.parse(NAME, USAGE, args, StoreCliTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Request request = parsed.value();
        try (ConfigStore store = stores.connect(request.url, request.options)) {
            return execute(store, request, out, err);
        } catch (final MemFabricException e) {
            err.println(NAME + " " + request.operation + ": " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }

    private static int execute(final ConfigStore store, final Request request, final PrintStream out,
        final PrintStream err) throws InterruptedException {
        final List<String> o = request.operands;
        switch (request.operation) {
            case "set":
                store.set(o.get(0), utf8(o.get(1)));
                out.println("OK");
                return EXIT_OK;
            case "get":
                out.println(text(store.get(o.get(0), request.timeoutMs < 0 ? ConfigStore.WAIT_FOREVER
                    : Duration.ofMillis(request.timeoutMs))));
                return EXIT_OK;
            case "add":
                out.println(store.add(o.get(0), Long.parseLong(o.get(1).trim())));
                return EXIT_OK;
            case "append":
                out.println(store.append(o.get(0), utf8(o.get(1))));
                return EXIT_OK;
            case "remove":
                out.println(store.remove(o.get(0)) ? "removed" : "absent");
                return EXIT_OK;
            case "cas": {
                final CasResult result = store.cas(o.get(0), utf8(o.get(1)), utf8(o.get(2)));
                out.println((result.swapped() ? "swapped" : "not-swapped") + " previous=" + text(result.previous()));
                return result.swapped() ? EXIT_OK : EXIT_NOT_SWAPPED;
            }
            case "watch":
                return watch(store, o.get(0), request.timeoutMs, out, err);
            default:
                throw new IllegalStateException("operation passed parsing but is not handled: operation="
                    + request.operation);
        }
    }

    private static int watch(final ConfigStore store, final String key, final long timeoutMs, final PrintStream out,
        final PrintStream err) throws InterruptedException {
        final CompletableFuture<byte[]> outcome = new CompletableFuture<>();
        final long watchId = store.watch(key, (result, watchedKey, value) -> {
            if (result == 0) {
                outcome.complete(value);
            } else {
                final ErrorCode code = ErrorCode.of(result);
                outcome.completeExceptionally(new StoreException(code, watchedKey, "store watch failed: key="
                    + watchedKey + ", result=" + result, null));
            }
        });
        err.println("watching: key=" + key);
        err.flush();
        try {
            final byte[] value = timeoutMs < 0 ? outcome.get() : outcome.get(timeoutMs, TimeUnit.MILLISECONDS);
            out.println(text(value));
            return EXIT_OK;
        } catch (final TimeoutException e) {
            store.unwatch(watchId);
            err.println(NAME + " watch: timed out: key=" + key + ", timeoutMs=" + timeoutMs);
            return EXIT_FAILURE;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof MemFabricException) {
                throw (MemFabricException) e.getCause();
            }
            throw new IllegalStateException("store watch listener failed: key=" + key, e.getCause());
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
