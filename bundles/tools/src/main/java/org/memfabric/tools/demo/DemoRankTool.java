package org.memfabric.tools.demo;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.group.GroupEngine;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.memory.NativeMemory;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.ParsedArgs;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric demo-rank}: one rank of {@code memfabric demo}. Joins the BM pool, writes a pattern into the
 * next rank's host and device pools, waits for everybody, reads both back, moves a range between two other ranks
 * (global to global) and checks every byte by CRC; prints one line per step and a verdict. Runs on the launcher's
 * main thread.
 */
public final class DemoRankTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "demo-rank";
    static final String USAGE = "usage: memfabric demo-rank --rank R --store tcp://HOST:PORT [--ranks N] "
        + "[--transport auto|shm|tcp] [--size-mb M] [--timeout-s S]\n"
        + "  one rank of 'memfabric demo' (which starts the ranks itself)\n";
    private static final int BM_ID = 1;

    private final BigMemoryService bm;
    private final ConfigStoreService stores;

    /**
     * Creates the tool.
     *
     * @param bm the BM module
     * @param stores the config store module (for the demo's own barrier)
     */
    public DemoRankTool(final BigMemoryService bm, final ConfigStoreService stores) {
        this.bm = Objects.requireNonNull(bm, "bm");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "one rank of 'memfabric demo' (started by demo)";
    }

    private static final class Settings {
        final DemoSettings demo;
        final int rank;
        final StoreUrl store;

        Settings(final DemoSettings demo, final int rank, final StoreUrl store) {
            this.demo = demo;
            this.rank = rank;
            this.store = store;
        }
    }

    private static Settings parse(final List<String> args) throws UsageError {
        final Arguments a = Arguments.parse(NAME, args, DemoSettings.VALUE_OPTIONS, DemoSettings.FLAG_OPTIONS);
        a.requireNoMorePositionals(0);
        final DemoSettings demo = DemoSettings.parse(NAME, a);
        final int rank = a.intIn("--rank", -1, 0, demo.ranks - 1);
        if (rank < 0) {
            throw new UsageError(NAME + ": --rank is required");
        }
        final String url = a.required("--store");
        try {
            return new Settings(demo, rank, StoreUrl.parse(url));
        } catch (final MemFabricException e) {
            throw new UsageError(NAME + ": --store is not a store url: " + e.getMessage());
        }
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ParsedArgs<Settings> parsed = ParsedArgs.parse(NAME, USAGE, args, DemoRankTool::parse, out, err);
        if (parsed.done()) {
            return parsed.exitCode();
        }
        final Settings s = parsed.value();
        try {
            return runRank(s, out);
        } catch (final MemFabricException e) {
            err.println(NAME + ": rank " + s.rank + " failed: " + Failures.describe(e));
            return EXIT_FAILURE;
        } finally {
            bm.uninit(0);
        }
    }

    private int runRank(final Settings s, final PrintStream out) {
        final int r = s.rank;
        final int n = s.demo.ranks;
        final int size = s.demo.sizeMiB << 20;
        final Duration timeout = Duration.ofSeconds(s.demo.timeoutSeconds);
        bm.init(s.store.toString(), n, 0, new BmConfig().rankId(r).controlOperationTimeout(timeout)
            .initTimeout(timeout));
        try (ConfigStore store = stores.connect(s.store, new StoreClientOptions().connectTimeout(timeout)
            .requestTimeout(timeout));
            GroupEngine demoGroup = GroupEngine.createStatic(store.withPrefix("MEMFABRIC_DEMO_"), r, n, timeout);
            BigMemory m = bm.create(BM_ID, 0, s.demo.dataOpTypes(), 2L * n * size, size, 0)) {
            m.join(0);
            demoGroup.barrier();
            final int next = (r + 1) % n;
            final int after = (r + 2) % n;
            final ByteBuffer mine = pattern(size, r);
            m.registerUserMem(mine);
            final long hostSlot = m.ptr(BmMemType.HOST, next) + (long) r * size;
            final long deviceSlot = m.ptr(BmMemType.DEVICE, next);

            long t0 = System.nanoTime();
            m.copy(address(mine), hostSlot, size, BmCopyType.H2G, 0);
            m.copy(address(mine), deviceSlot, size, BmCopyType.L2G, 0);
            final double writeGBs = 2.0 * size / (System.nanoTime() - t0);
            out.printf(Locale.ROOT, "rank %d: wrote %d MiB into rank %d's host and device pools over %s (%.2f GB/s)%n",
                r, 2 * s.demo.sizeMiB, next, m.transportFor(next), writeGBs);
            demoGroup.barrier();

            final ByteBuffer back = ByteBuffer.allocateDirect(size);
            m.registerUserMem(back);
            t0 = System.nanoTime();
            m.copy(hostSlot, address(back), size, BmCopyType.G2H, 0);
            final double readGBs = (double) size / (System.nanoTime() - t0);
            final boolean hostOk = crc(back) == crc(mine);
            zero(back);
            m.copy(deviceSlot, address(back), size, BmCopyType.G2L, 0);
            final boolean deviceOk = crc(back) == crc(mine);
            final long third = m.ptr(BmMemType.HOST, after) + (long) (n + r) * size;
            m.copy(hostSlot, third, size, BmCopyType.G2G, 0);
            zero(back);
            m.copy(third, address(back), size, BmCopyType.G2H, 0);
            final boolean g2gOk = crc(back) == crc(mine);
            out.printf(Locale.ROOT, "rank %d: read back from rank %d (%.2f GB/s): host %s, device %s; "
                + "rank %d -> rank %d global-to-global: %s%n", r, next, readGBs, verdict(hostOk), verdict(deviceOk),
                next, after, verdict(g2gOk));
            demoGroup.barrier();
            m.leave(0);
            final boolean ok = hostOk && deviceOk && g2gOk;
            out.println("rank " + r + ": " + (ok ? "VERIFIED" : "MISMATCH"));
            return ok ? EXIT_OK : EXIT_FAILURE;
        }
    }

    private static long address(final ByteBuffer b) {
        return NativeMemory.address(b);
    }

    private static ByteBuffer pattern(final int size, final int seed) {
        final ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i += 8) {
            b.putLong(i, i * 0x9E3779B97F4A7C15L + seed);
        }
        return b;
    }

    private static void zero(final ByteBuffer b) {
        final byte[] zeros = new byte[64 * 1024];
        for (int i = 0; i < b.capacity(); i += zeros.length) {
            b.put(i, zeros, 0, Math.min(zeros.length, b.capacity() - i));
        }
    }

    private static long crc(final ByteBuffer b) {
        final CRC32 c = new CRC32();
        c.update(b.duplicate().clear());
        return c.getValue();
    }

    private static String verdict(final boolean ok) {
        return ok ? "verified" : "MISMATCH";
    }
}
