package org.memfabric.tools.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.shm.ShareMemoryServiceImpl;
import org.memfabric.transport.shm.ShmTransport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The SHM examples' rank logic on three real ranks in this JVM (each its own SHM module, on its own thread, over
 * the shared-memory transport, rank 0 hosting the store), and their checkers on wrong results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleRanksTest {
    private static final int RANKS = 3;
    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final TransportCatalog catalog = new TransportCatalog();
    private ShmTransport transport;

    @BeforeAll
    void start() {
        transport = new ShmTransport();
        catalog.add(transport);
    }

    @AfterAll
    void stop() {
        stores.close();
        transport.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {AllReduceExample.NAME, ShiftPutGetExample.NAME})
    void shouldVerifyTheExampleOnEveryRankWhenRunByTheRankTool(final String example) throws Exception {
        final String store = "tcp://127.0.0.1:" + freePort();
        final ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            final List<Future<String>> outputs = new ArrayList<>();
            for (int r = 0; r < RANKS; r++) {
                final int rank = r;
                outputs.add(pool.submit(() -> {
                    final ExampleRankTool tool = new ExampleRankTool(new ShareMemoryServiceImpl(() -> stores, catalog,
                        new HostBackedDeviceMemory()));
                    final ByteArrayOutputStream out = new ByteArrayOutputStream();
                    final ByteArrayOutputStream err = new ByteArrayOutputStream();
                    final int code = tool.run(List.of(example, "--rank", Integer.toString(rank), "--store", store,
                        "--ranks", Integer.toString(RANKS), "--transport", "shm", "--timeout-s", "20"),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                        StandardCharsets.UTF_8));
                    return code + " " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
                }));
            }
            for (int r = 0; r < RANKS; r++) {
                final String output = outputs.get(r).get(50, TimeUnit.SECONDS);
                assertTrue(output.startsWith(ToolCommand.EXIT_OK + " "), "rank " + r + ": " + output);
                assertTrue(output.contains("rank " + r + ": " + example + " over reach [MTE, SDMA]")
                    && output.contains("VERIFIED"), "rank " + r + ": " + output);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportTheFirstWrongSumOfAnAllReduce() {
        final long[] sums = new long[AllReduceExample.LENGTH];
        for (int i = 0; i < sums.length; i++) {
            for (int r = 0; r < RANKS; r++) {
                sums[i] += AllReduceExample.element(r, i);
            }
        }
        assertEquals(Optional.empty(), AllReduceExample.check(sums, RANKS));
        final Optional<String> missingRank = AllReduceExample.check(sums, RANKS + 1);
        assertTrue(missingRank.isPresent() && missingRank.get().contains("index=0"), String.valueOf(missingRank));
        sums[77] += 1;
        final Optional<String> offByOne = AllReduceExample.check(sums, RANKS);
        assertTrue(offByOne.isPresent() && offByOne.get().contains("index=77"), String.valueOf(offByOne));
        assertTrue(AllReduceExample.check(new long[3], RANKS).orElseThrow().contains("wrong length"));
    }

    @Test
    void shouldReportTheFirstWrongByteOfAShift() {
        final ByteBuffer b = ShiftPutGetExample.pattern(1);
        assertEquals(Optional.empty(), ShiftPutGetExample.check(b, 1, "test"));
        assertTrue(ShiftPutGetExample.check(b, 2, "test").isPresent(), "another rank's pattern must not pass");
        b.put(4095, (byte) (b.get(4095) + 1));
        final Optional<String> wrong = ShiftPutGetExample.check(b, 1, "test");
        assertTrue(wrong.isPresent() && wrong.get().contains("index=4095"), String.valueOf(wrong));
    }

    @Test
    void shouldRejectAnUnknownExampleOrTransportWithUsage() throws Exception {
        final ExampleTool tool = new ExampleTool(Path.of("/nonexistent/bin/memfabric"));
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(ToolCommand.EXIT_USAGE, tool.run(List.of("reduce-scatter"), out, out));
        assertEquals(ToolCommand.EXIT_USAGE, tool.run(List.of("allreduce", "--transport", "ib"), out, out));
        assertEquals(ToolCommand.EXIT_USAGE, tool.run(List.of(), out, out));
        assertFalse(sink.toString(StandardCharsets.UTF_8).isEmpty());
        assertEquals(ToolCommand.EXIT_FAILURE, tool.run(List.of("allreduce"), out, out), "no launcher script");
    }
}
