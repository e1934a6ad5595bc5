package org.memfabric.bm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.bm.CopyData2DParams;
import org.memfabric.api.bm.CopyRequest;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.configstore.group.GroupEngine;
import org.memfabric.memory.NativeMemory;
import org.memfabric.testkit.Patterns;

/**
 * A BM rank in its own JVM, for {@link MultiProcessBmTest}: plain Java (transports found by ServiceLoader), rank 0
 * runs the embedded store. Prints {@code STEP <name> OK} lines, {@code FAIL ...} on a wrong byte, and exits 0 when
 * its scenario passed. Args: rank ranks storeUrl transport(shm|tcp) scenario(copies|crash) [nicUrl].
 */
public final class BmRankMain {
    private static final int SIZE = 256 * 1024;
    private static final long POOL = 8L << 20;

    private BmRankMain() {
    }

    public static void main(final String[] args) throws Exception {
        final int rank = Integer.parseInt(args[0]);
        final int ranks = Integer.parseInt(args[1]);
        final String url = args[2];
        final Set<BmDataOpType> types = "tcp".equals(args[3]) ? EnumSet.of(BmDataOpType.HOST_TCP)
            : EnumSet.of(BmDataOpType.SDMA);
        final String scenario = args[4];
        final BigMemoryServiceImpl service = new BigMemoryServiceImpl();
        final Duration timeout = Duration.ofSeconds(20);
        int exit = 1;
        try {
            final BmConfig config = new BmConfig().rankId(rank).controlOperationTimeout(timeout).initTimeout(timeout);
            if (args.length > 5) {
                config.nicUrl(args[5]);
            }
            service.init(url, ranks, 0, config);
            try (ConfigStore store = new ConfigStoreServiceImpl().connect(StoreUrl.parse(url),
                new StoreClientOptions().connectTimeout(timeout).requestTimeout(timeout));
                GroupEngine sync = GroupEngine.createStatic(store.withPrefix("TEST_"), rank, ranks, timeout);
                BigMemory bm = service.create(1, 0, types, POOL, POOL, 0)) {
                bm.join(0);
                sync.barrier();
                step("joined transports=" + service.catalog().byPriority().size());
                final boolean ok = "crash".equals(scenario) ? crash(bm, rank, ranks, sync) : copies(bm, rank, ranks,
                    sync);
                exit = ok ? 0 : 1;
            }
        } catch (final MemFabricException e) {
            System.out.println("FAIL " + e);
            e.printStackTrace(System.out);
        } finally {
            if (!"crash".equals(scenario) || rank != ranks - 1) {
                service.uninit(0);
            }
        }
        System.out.flush();
        System.exit(exit);
    }

    private static void step(final String what) {
        System.out.println("STEP " + what + " OK");
        System.out.flush();
    }

    private static boolean copies(final BigMemory bm, final int r, final int n, final GroupEngine sync) {
        final int next = (r + 1) % n;
        final int prev = (r + n - 1) % n;
        final ByteBuffer src = ByteBuffer.allocateDirect(SIZE);
        final ByteBuffer dst = ByteBuffer.allocateDirect(SIZE);
        bm.registerUserMem(src);
        bm.registerUserMem(dst);
        final long s = NativeMemory.address(src);
        final long d = NativeMemory.address(dst);
        final BmCopyType[][] pairs = {
            {BmCopyType.L2G, BmCopyType.G2L}, {BmCopyType.H2G, BmCopyType.G2H}, {BmCopyType.L2GH, BmCopyType.GH2L},
            {BmCopyType.H2GH, BmCopyType.GH2H}, {BmCopyType.AUTO, BmCopyType.AUTO}};
        boolean ok = true;
        for (int i = 0; i < pairs.length; i++) {
            final BmCopyType put = pairs[i][0];
            final BmMemType pool = put == BmCopyType.L2G ? BmMemType.DEVICE : BmMemType.HOST;
            final int seed = r * 100 + i;
            fill(src, seed);
            // each rank writes its slice of the next rank's pool; the previous rank reads its own slice back later
            bm.copy(s, bm.ptr(pool, next) + (long) (i * n + r) * SIZE, SIZE, put, 0);
            sync.barrier();
            zero(dst);
            bm.copy(bm.ptr(pool, r) + (long) (i * n + prev) * SIZE, d, SIZE, pairs[i][1], 0);
            ok &= check(dst, prev * 100 + i, "direction " + put + "/" + pairs[i][1] + " from rank " + prev);
            step("direction " + put + "->" + pairs[i][1] + " peer=" + next + " transport=" + bm.transportFor(next));
            sync.barrier();
        }
        // global to global: rank r moves its slice on rank next to rank next+1 (remote to remote when n >= 3)
        final long from = bm.ptr(BmMemType.HOST, next) + (long) (1 * n + r) * SIZE;
        final long to = bm.ptr(BmMemType.DEVICE, (r + 2) % n) + (long) (6 * n + r) * SIZE;
        bm.copy(from, to, SIZE, BmCopyType.G2G, 0);
        zero(dst);
        bm.copy(to, d, SIZE, BmCopyType.G2H, 0);
        ok &= check(dst, r * 100 + 1, "G2G");
        step("G2G");
        // a batch mixing peers and directions: write to every rank, then read all back in one batch
        fill(src, r * 100 + 50);
        final List<CopyRequest> out = new ArrayList<>();
        final List<CopyRequest> in = new ArrayList<>();
        final int piece = SIZE / n;
        for (int p = 0; p < n; p++) {
            final long g = bm.ptr(BmMemType.HOST, p) + (long) (7 * n + r) * SIZE + (long) p * piece;
            out.add(new CopyRequest(s + (long) p * piece, g, piece));
            in.add(new CopyRequest(g, d + (long) p * piece, piece));
        }
        bm.copyBatch(out, BmCopyType.AUTO, 0);
        zero(dst);
        bm.copyBatch(in, BmCopyType.AUTO, 0);
        ok &= checkPrefix(dst, r * 100 + 50, piece * n, "batch");
        step("batch");
        // 2D: 32 rows of 1000 bytes, pitches 4096 -> 1024, then back contiguous-to-pitched
        fill(src, r * 100 + 60);
        final long g2d = bm.ptr(BmMemType.HOST, next) + (long) (8 * n + r) * SIZE;
        bm.copy2d(new CopyData2DParams(s, 4096, g2d, 1024, 1000, 32), BmCopyType.H2G, 0);
        zero(dst);
        bm.copy2d(new CopyData2DParams(g2d, 1024, d, 4096, 1000, 32), BmCopyType.G2H, 0);
        for (int row = 0; row < 32; row++) {
            for (int col = 0; col < 1000; col++) {
                if (dst.get(row * 4096 + col) != src.get(row * 4096 + col)) {
                    System.out.println("FAIL 2D row=" + row + " col=" + col);
                    return false;
                }
            }
        }
        step("2D");
        // asynchronous copies with wait
        fill(src, r * 100 + 70);
        final long ga = bm.ptr(BmMemType.DEVICE, next) + (long) (9 * n + r) * SIZE;
        for (int k = 0; k < 4; k++) {
            bm.copy(s + k * (SIZE / 4L), ga + k * (SIZE / 4L), SIZE / 4, BmCopyType.L2G, BigMemory.ASYNC_COPY_FLAG);
        }
        bm.waitAsync();
        zero(dst);
        bm.copy(ga, d, SIZE, BmCopyType.G2L, BigMemory.ASYNC_COPY_FLAG);
        bm.waitAsync();
        ok &= check(dst, r * 100 + 70, "async");
        step("async");
        sync.barrier();
        bm.leave(0);
        step("left");
        return ok;
    }

    /** The last rank is killed by the test; the others copy to it until that fails, then keep working. */
    private static boolean crash(final BigMemory bm, final int r, final int n, final GroupEngine sync) {
        final int victim = n - 1;
        final ByteBuffer src = ByteBuffer.allocateDirect(SIZE);
        fill(src, r);
        sync.barrier();
        step("ready");
        if (r == victim) {
            while (true) {
                bm.copyToGlobal(src, bm.ptr(BmMemType.HOST, 0) + (long) r * SIZE); // busy until killed
            }
        }
        final long started = System.nanoTime();
        MemFabricException lost = null;
        while (lost == null) {
            try {
                bm.copyToGlobal(src, bm.ptr(BmMemType.HOST, victim) + (long) r * SIZE);
            } catch (final MemFabricException e) {
                lost = e;
            }
            if (System.nanoTime() - started > 60_000_000_000L) {
                System.out.println("FAIL copies to the killed rank never failed");
                return false;
            }
        }
        System.out.println("LOST type=" + lost.getClass().getSimpleName() + " transportError="
            + (lost instanceof TransportException) + " message=" + lost.getMessage());
        // keep working with the rest
        final ByteBuffer dst = ByteBuffer.allocateDirect(SIZE);
        final int other = r == 0 ? 1 : 0;
        final long g = bm.ptr(BmMemType.HOST, other) + (long) (n + r) * SIZE;
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                bm.copyToGlobal(src, g);
                bm.copyFromGlobal(g, dst);
                break;
            } catch (final TransportException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
        final boolean ok = check(dst, r, "survivor copy");
        sync.subgroupBarrier("SURVIVORS", n - 1, r); // neither survivor leaves while the other still copies to it
        step("survived");
        return ok;
    }

    private static void fill(final ByteBuffer b, final int seed) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, Patterns.at(i, seed));
        }
    }

    private static void zero(final ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0);
        }
    }

    private static boolean check(final ByteBuffer b, final int seed, final String what) {
        return checkPrefix(b, seed, b.capacity(), what);
    }

    private static boolean checkPrefix(final ByteBuffer b, final int seed, final int length, final String what) {
        for (int i = 0; i < length; i++) {
            if (b.get(i) != Patterns.at(i, seed)) {
                System.out.println("FAIL " + what + ": index=" + i + " expected=" + Patterns.at(i, seed) + " actual="
                    + b.get(i));
                return false;
            }
        }
        return true;
    }
}
