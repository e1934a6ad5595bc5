package org.memfabric.tools.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.tools.Await;
import org.memfabric.tools.Captured;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreCliToolTest {

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final StoreCliTool tool = new StoreCliTool(stores);
    private ConfigStoreServer server;

    @BeforeEach
    void startServer() {
        server = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"), new StoreServerOptions());
    }

    @AfterEach
    void stopServer() {
        stores.close();
    }

    /** Runs one store-cli command against the test server. */
    private Captured cli(final int expectedExit, final String... operation) throws Exception {
        final List<String> args = new ArrayList<>(List.of("--url", server.url().toString()));
        args.addAll(List.of(operation));
        final Captured io = new Captured();
        assertEquals(expectedExit, tool.run(args, io.out, io.err), io.describe());
        return io;
    }

    @Test
    void shouldSetThenGetAValue() throws Exception {
        assertEquals("OK\n", cli(0, "set", "greeting", "hello world").out());

        assertEquals("hello world\n", cli(0, "get", "greeting").out());
    }

    @Test
    void shouldAddAppendRemoveAndCompareAndSwap() throws Exception {
        assertEquals("5\n", cli(0, "add", "n", "5").out());
        assertEquals("2\n", cli(0, "add", "n", "-3").out());
        assertEquals("3\n", cli(0, "append", "s", "abc").out());
        assertEquals("5\n", cli(0, "append", "s", "de").out());
        assertEquals("swapped previous=abcde\n", cli(0, "cas", "s", "abcde", "new").out());
        assertEquals("not-swapped previous=new\n", cli(StoreCliTool.EXIT_NOT_SWAPPED, "cas", "s", "abcde", "x").out());
        assertEquals("swapped previous=\n", cli(0, "cas", "fresh", "", "first").out());
        assertEquals("removed\n", cli(0, "remove", "s").out());
        assertEquals("absent\n", cli(0, "remove", "s").out());
    }

    @Test
    void shouldMapAMissingKeyToExit1WithTheStoreCode() throws Exception {
        final Captured io = cli(1, "get", "nothing");

        assertTrue(io.err().startsWith("store-cli get: key not found: "), io.describe());
        assertTrue(io.err().contains("key=nothing") && io.err().contains("(code=STORE_NOT_EXIST -404)"),
            io.describe());
    }

    @Test
    void shouldTimeOutAGetThatWaitsForAKeyNobodySets() throws Exception {
        final Captured io = cli(1, "get", "later", "--timeout-ms", "200");

        assertTrue(io.err().startsWith("store-cli get: timed out: "), io.describe());
        assertTrue(io.err().contains("(code=STORE_TIMEOUT -601)"), io.describe());
    }

    @Test
    void shouldPrintAWatchedValueOnceAnotherClientSetsIt() throws Exception {
        final Captured watcher = new Captured();
        final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return tool.run(List.of("--url", server.url().toString(), "watch", "ready", "--timeout-ms", "30000"),
                    watcher.out, watcher.err);
            } catch (final InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("watch registered", 20_000, () -> watcher.err().contains("watching: key=ready"));

        cli(0, "set", "ready", "go");

        assertEquals(0, exit.get(20, TimeUnit.SECONDS), watcher.describe());
        assertEquals("go\n", watcher.out());
    }

    @Test
    void shouldGiveUpAWatchAfterItsTimeout() throws Exception {
        final Captured io = cli(1, "watch", "never", "--timeout-ms", "200");

        assertTrue(io.err().contains("store-cli watch: timed out: key=never, timeoutMs=200"), io.describe());
    }

    @Test
    void shouldReportAnUnreachableStoreWithExit1() throws Exception {
        final int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        final Captured io = new Captured();

        assertEquals(1, tool.run(List.of("--url", "tcp://127.0.0.1:" + freePort, "--connect-timeout-ms", "300",
            "get", "k"), io.out, io.err), io.describe());

        assertTrue(io.err().startsWith("store-cli get: store unreachable or link lost: "), io.describe());
    }

    @Test
    void shouldExitWith2AndNameTheArgumentForABadCommandLine() throws Exception {
        assertUsage("store-cli: option missing: option=--url", "get", "k");
        assertUsage("store-cli: operation missing: expected=set|get|add|append|remove|cas|watch", "--url",
            "tcp://127.0.0.1:1");
        assertUsage("store-cli: unknown operation: operation=put", "--url", "tcp://127.0.0.1:1", "put", "k", "v");
        assertUsage("store-cli: set takes 2 arguments: given=1", "--url", "tcp://127.0.0.1:1", "set", "k");
        assertUsage("store-cli: add increment must be an integer", "--url", "tcp://127.0.0.1:1", "add", "k", "x");
        assertUsage("store-cli: --timeout-ms applies to get and watch only: operation=set", "--url",
            "tcp://127.0.0.1:1", "set", "k", "v", "--timeout-ms", "5");
        assertUsage("store-cli: --url is not a store url: ", "--url", "http://x", "get", "k");
    }

    private void assertUsage(final String message, final String... args) throws Exception {
        final Captured io = new Captured();

        assertEquals(2, tool.run(List.of(args), io.out, io.err), io.describe());

        assertTrue(io.err().startsWith(message), io.describe());
        assertTrue(io.err().contains("usage: memfabric store-cli"), io.describe());
    }
}
