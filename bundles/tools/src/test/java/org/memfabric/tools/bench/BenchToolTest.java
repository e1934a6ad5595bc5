package org.memfabric.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.tools.Captured;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchToolTest {

    @TempDir
    Path dir;

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final BenchTool tool = new BenchTool(stores);

    @AfterEach
    void closeEverything() {
        stores.close();
    }

    @Test
    void shouldMeasureEveryPhaseOnAnEmbeddedServerAndWriteCsv() throws Exception {
        final Path csv = dir.resolve("bench.csv");
        final Captured io = new Captured();

        assertEquals(0, tool.run(List.of("store", "--requests", "300", "--warmup", "20", "--clients", "3",
            "--ranks", "1,3", "--barrier-rounds", "25", "--value-size", "16", "--csv", csv.toString()), io.out,
            io.err), io.describe());

        assertTrue(io.out().startsWith("bench store: url=tcp://127.0.0.1:"), io.describe());
        assertTrue(io.out().contains(" server=embedded valueSize=16 "), io.describe());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals(BenchRow.CSV_HEADER, lines.get(0));
        assertEquals(List.of("latency,SET,1,0,16,300", "latency,GET,1,0,16,300", "throughput,SET,3,0,16,300",
            "throughput,GET,3,0,16,300", "barrier,BARRIER,0,1,0,25", "barrier,BARRIER,0,3,0,25"),
            lines.subList(1, lines.size()).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 6)))
                .collect(java.util.stream.Collectors.toList()));
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",");
            final double p50 = Double.parseDouble(cells[6]);
            final double p99 = Double.parseDouble(cells[7]);
            final double opsPerS = Double.parseDouble(cells[12]);
            assertTrue(p50 > 0 && p99 >= p50 && opsPerS > 0, line);
        }
        assertTrue(io.err().contains("barrier: 3 ranks"), "progress is reported:\n" + io.describe());
    }

    @Test
    void shouldMeasureAnExternalServerGivenByUrl() throws Exception {
        final ConfigStoreServer server = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"),
            new StoreServerOptions());
        final Captured io = new Captured();

        assertEquals(0, tool.run(List.of("store", "--url", server.url().toString(), "--requests", "50", "--warmup",
            "0", "--phases", "latency"), io.out, io.err), io.describe());

        assertTrue(io.out().startsWith("bench store: url=" + server.url() + " server=external"), io.describe());
        assertTrue(io.out().contains("\nlatency     GET            1     -        50 "), io.describe());
        assertTrue(!io.out().contains("throughput "), io.describe());
    }

    @Test
    void shouldDriveTheThroughputPhaseWithTheChosenDriverAndSayWhichInTheCsv() throws Exception {
        for (final String driver : List.of("async", "threads")) {
            final Path csv = dir.resolve(driver + ".csv");
            final Captured io = new Captured();

            assertEquals(0, tool.run(List.of("store", "--phases", "throughput", "--driver", driver, "--requests", "200",
                "--warmup", "10", "--clients", "4", "--csv", csv.toString()), io.out, io.err), io.describe());

            assertTrue(io.out().contains(" clients=4 driver=" + driver + " "), io.describe());
            final List<String> lines = Files.readAllLines(csv);
            assertEquals(3, lines.size(), lines.toString());
            for (final String line : lines.subList(1, lines.size())) {
                assertTrue(line.startsWith("throughput,") && line.endsWith("," + driver), line);
                assertTrue(line.contains(",4,0,64,200,"), line);
            }
        }
    }

    @Test
    void shouldDefaultToTheAsyncDriverAndMarkOtherRowsWithADash() throws Exception {
        final Path csv = dir.resolve("default.csv");
        final Captured io = new Captured();

        assertEquals(0, tool.run(List.of("store", "--phases", "latency,throughput", "--requests", "50", "--warmup",
            "0", "--clients", "2", "--csv", csv.toString()), io.out, io.err), io.describe());

        final List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).endsWith(",ops_per_s,driver"), lines.get(0));
        assertEquals(List.of("-", "-", "async", "async"), lines.subList(1, lines.size()).stream()
            .map(l -> l.substring(l.lastIndexOf(',') + 1)).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void shouldExitWith2AndNameTheArgumentForABadCommandLine() throws Exception {
        assertUsage("bench: unknown benchmark: name=disk, expected=store", "disk");
        assertUsage("bench: unknown benchmark: name=, expected=store");
        assertUsage("bench store: --ranks entry must be 1..1024: value=0", "store", "--ranks", "2,0");
        assertUsage("bench store: --phases entry must be latency, throughput or barrier: value=warp", "store",
            "--phases", "latency,warp");
        assertUsage("bench store: --clients must be 1..1024: value=0", "store", "--clients", "0");
        assertUsage("bench store: --driver must be async or threads: value=fibers", "store", "--driver", "fibers");
        assertUsage("bench store: unexpected argument: value=now", "store", "now");
    }

    private void assertUsage(final String message, final String... args) throws Exception {
        final Captured io = new Captured();

        assertEquals(2, tool.run(List.of(args), io.out, io.err), io.describe());

        assertTrue(io.err().startsWith(message), io.describe());
        assertTrue(io.err().contains("usage: memfabric bench store"), io.describe());
    }
}
