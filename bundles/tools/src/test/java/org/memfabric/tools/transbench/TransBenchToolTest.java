package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.Captured;
import org.memfabric.tools.bench.BenchTool;
import org.memfabric.trans.TransferServiceImpl;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransBenchToolTest {

    @TempDir
    Path dir;

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final TransferServiceImpl transfer = new TransferServiceImpl();

    @AfterEach
    void closeEverything() {
        transfer.uninit(0);
        stores.close();
    }

    private BenchTool bench() {
        return new BenchTool(stores, null, new TransBenchTool(transfer, stores, dir.resolve("bin/memfabric")));
    }

    @Test
    void shouldPrintTheUsageForHelp() throws Exception {
        final Captured io = new Captured();

        assertEquals(ToolCommand.EXIT_OK, bench().run(List.of("trans", "--help"), io.out, io.err), io.describe());
        assertEquals(TransBenchSettings.USAGE, io.out());
    }

    @Test
    void shouldRefuseABadOptionWithItsNameAndTheUsage() throws Exception {
        final Captured io = new Captured();

        assertEquals(ToolCommand.EXIT_USAGE, bench().run(List.of("trans", "--sizes", "4K,lots"), io.out, io.err),
            io.describe());
        assertEquals("bench trans: --sizes entry is not a size (digits with K or M): value=lots\n"
            + TransBenchSettings.USAGE, io.err());
        assertEquals("", io.out());
    }

    @Test
    void shouldSaySoWhenTheLauncherScriptIsMissing() throws Exception {
        final Captured io = new Captured();

        assertEquals(ToolCommand.EXIT_FAILURE, bench().run(List.of("trans", "--sizes", "4K"), io.out, io.err));
        assertEquals("bench trans: cannot start the receiver process, launcher script not found: path="
            + dir.resolve("bin/memfabric") + "\n", io.err());
    }

    @Test
    void shouldSaySoWhenTransIsNotInstalledAndListTransAmongTheBenchmarks() throws Exception {
        final Captured io = new Captured();
        assertEquals(ToolCommand.EXIT_FAILURE, new BenchTool(stores).run(List.of("trans"), io.out, io.err));
        assertEquals("bench trans: the TRANS module is not installed\n", io.err());

        final Captured unknown = new Captured();
        assertEquals(ToolCommand.EXIT_USAGE, bench().run(List.of("transfer"), unknown.out, unknown.err));
        assertTrue(unknown.err().startsWith("bench: unknown benchmark: name=transfer, expected=store, bm or trans\n"),
            unknown.describe());
    }
}
