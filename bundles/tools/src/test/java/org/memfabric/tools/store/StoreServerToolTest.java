package org.memfabric.tools.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.LastRankPolicy;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.tools.Await;
import org.memfabric.tools.Captured;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreServerToolTest {

    private static final Pattern LISTENING = Pattern.compile("store listening: url=(tcp://[0-9.]+:[0-9]+) tls=off");

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final StoreServerTool tool = new StoreServerTool(stores);
    private final Captured io = new Captured();

    @AfterEach
    void closeEverything() {
        tool.stop();
        stores.close();
    }

    private CompletableFuture<Integer> serve(final AtomicReference<Thread> thread, final String... args) {
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        final Thread t = new Thread(() -> exit.complete(tool.run(List.of(args), io.out, io.err)), "test-store");
        thread.set(t);
        t.start();
        return exit;
    }

    private StoreUrl awaitListening() {
        Await.until("store listening line", 20_000, () -> LISTENING.matcher(io.out()).find());
        final Matcher m = LISTENING.matcher(io.out());
        assertTrue(m.find());
        return StoreUrl.parse(m.group(1));
    }

    @Test
    void shouldServeUntilInterruptedAndThenStopCleanly() throws Exception {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final CompletableFuture<Integer> exit = serve(thread, "--listen", "tcp://127.0.0.1:0", "--world-size", "4");
        final StoreUrl url = awaitListening();
        try (ConfigStore client = stores.connect(url, new StoreClientOptions().connectTimeout(Duration.ofSeconds(5)))) {
            client.set("k", new byte[] {1});
            assertEquals(1, client.get("k", Duration.ZERO)[0]);
        }

        thread.get().interrupt();

        assertEquals(0, exit.get(20, TimeUnit.SECONDS), io.describe());
        assertTrue(io.out().contains("store listening: url=" + url + " tls=off worldSize=4 lastRank=keep\n"),
            io.describe());
        assertTrue(io.out().endsWith("store stopped: url=" + url + "\n"), io.describe());
    }

    @Test
    void shouldStopServingWhenTheComponentIsDeactivated() throws Exception {
        final CompletableFuture<Integer> exit = serve(new AtomicReference<>(), "--listen", "tcp://127.0.0.1:0");
        awaitListening();

        tool.stop();

        assertEquals(0, exit.get(20, TimeUnit.SECONDS), io.describe());
        assertTrue(io.out().contains("store stopped: url="), io.describe());
    }

    @Test
    void shouldParseEveryServerOption() throws Exception {
        final StoreServerTool.Settings settings = StoreServerTool.parse(List.of("--listen", "tcp://0.0.0.0:7000",
            "--world-size", "8", "--last-rank", "wipe", "--heartbeat-timeout-ms", "2500"));

        assertEquals(StoreUrl.parseListen("tcp://0.0.0.0:7000"), settings.listen);
        assertEquals(8, settings.options.worldSize());
        assertEquals(LastRankPolicy.WIPE, settings.options.lastRankPolicy());
        assertEquals(Duration.ofMillis(2500), settings.options.heartbeatTimeout());
        assertEquals(false, settings.tls);
    }

    @Test
    void shouldExitWith2AndNameTheArgumentForABadCommandLine() {
        assertUsage("store: option missing: option=--listen");
        assertUsage("store: --world-size must be 0..1024: value=5000", "--listen", "tcp://127.0.0.1:0",
            "--world-size", "5000");
        assertUsage("store: --last-rank must be keep or wipe: value=drop", "--listen", "tcp://127.0.0.1:0",
            "--last-rank", "drop");
        assertUsage("store: --listen is not a store url: store url must look like", "--listen", "localhost:80");
        assertUsage("store: unknown option: option=--port", "--listen", "tcp://127.0.0.1:0", "--port", "1");
    }

    private void assertUsage(final String message, final String... args) {
        final Captured captured = new Captured();

        assertEquals(2, tool.run(List.of(args), captured.out, captured.err), captured.describe());

        assertTrue(captured.err().startsWith(message), captured.describe());
        assertTrue(captured.err().contains("usage: memfabric store --listen"), captured.describe());
    }

    @Test
    void shouldExitWith1WhenTheAddressIsInUse() throws Exception {
        final CompletableFuture<Integer> exit = serve(new AtomicReference<>(), "--listen", "tcp://127.0.0.1:0");
        final StoreUrl url = awaitListening();
        final Captured second = new Captured();

        assertEquals(1, tool.run(List.of("--listen", url.toString()), second.out, second.err), second.describe());

        assertTrue(second.err().startsWith("store: server did not start: "), second.describe());
        tool.stop();
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    }
}
