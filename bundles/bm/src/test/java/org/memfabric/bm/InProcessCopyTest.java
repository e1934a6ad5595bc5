package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.bm.CopyData2DParams;
import org.memfabric.api.bm.CopyRequest;
import org.memfabric.memory.NativeMemory;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.local.LocalTransport;

/**
 * Three BM ranks in this JVM over the in-process transport: every copy direction moves exactly the requested bytes
 * between the right ranks, verified byte by byte; batches, 2D copies and asynchronous copies too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InProcessCopyTest {
    private static final int N = 64 * 1024;
    private LocalTransport transport;
    private BmCluster cluster;
    private ByteBuffer local0;
    private ByteBuffer local2;

    @BeforeAll
    void start() throws Exception {
        transport = new LocalTransport();
        cluster = new BmCluster(3, transport).joinAll();
        local0 = ByteBuffer.allocateDirect(1 << 20);
        local2 = ByteBuffer.allocateDirect(1 << 20);
        cluster.bm(0).registerUserMem(local0);
        cluster.bm(2).registerUserMem(local2);
    }

    @AfterAll
    void stop() {
        cluster.close();
        transport.close();
    }

    private static long addr(final ByteBuffer b) {
        return NativeMemory.address(b);
    }

    private void fill(final ByteBuffer b, final int seed) {
        for (int i = 0; i < N; i++) {
            b.put(i, Patterns.at(i, seed));
        }
    }

    private void clear(final ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BmCopyType.class, names = {"L2G", "H2G", "L2GH", "H2GH", "AUTO"})
    void shouldWriteFromLocalMemoryIntoAPeerAndReadItBackFromAnotherRank(final BmCopyType toGlobal) {
        final int seed = toGlobal.ordinal() + 10;
        final BmMemType pool = toGlobal == BmCopyType.L2G ? BmMemType.DEVICE : BmMemType.HOST;
        final long dest = cluster.bm(0).ptr(pool, 1) + 4096;
        fill(local0, seed);
        clear(local2);

        cluster.bm(0).copy(addr(local0), dest, N, toGlobal, 0);
        final BmCopyType back = pool == BmMemType.DEVICE ? BmCopyType.G2L : BmCopyType.GH2H;
        cluster.bm(2).copy(dest, addr(local2), N, back, 0);

        Patterns.assertPattern(local2, 0, N, seed);
        assertEquals(0, local2.get(N), "byte after the copied range changed");
    }

    @ParameterizedTest
    @EnumSource(value = BmCopyType.class, names = {"G2L", "G2H", "GH2L", "GH2H", "AUTO"})
    void shouldReadEveryGlobalToLocalDirection(final BmCopyType toLocal) {
        final int seed = toLocal.ordinal() + 20;
        final long src = cluster.bm(0).ptr(BmMemType.HOST, 2) + 8192;
        fill(local0, seed);
        cluster.bm(0).copy(addr(local0), src, N, BmCopyType.H2G, 0);
        clear(local2);

        cluster.bm(2).copy(src, addr(local2) + 16, N, toLocal, 0);

        Patterns.assertPattern(local2, 16, N, seed);
    }

    @Test
    void shouldCopyGlobalToGlobalBetweenTwoRemoteRanksAndFromAndToItself() {
        fill(local0, 31);
        final long onRank1 = cluster.bm(0).ptr(BmMemType.HOST, 1);
        final long onRank2 = cluster.bm(0).ptr(BmMemType.DEVICE, 2) + 100;
        final long onRank0 = cluster.bm(0).ptr(BmMemType.HOST, 0) + 3;
        cluster.bm(0).copy(addr(local0), onRank1, N, BmCopyType.H2G, 0);

        cluster.bm(0).copy(onRank1, onRank2, N, BmCopyType.G2G, 0); // both remote: staged
        cluster.bm(0).copy(onRank2, onRank0, N, BmCopyType.G2G, 0); // remote to self
        clear(local2);
        cluster.bm(2).copy(onRank0, addr(local2), N, BmCopyType.AUTO, 0);

        Patterns.assertPattern(local2, 0, N, 31);
    }

    @Test
    void shouldCopyABatchWithMixedPeersAndDirections() {
        fill(local0, 41);
        final BigMemory bm = cluster.bm(0);
        final List<CopyRequest> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            final long dest = bm.ptr(BmMemType.HOST, i % 3) + 65536L * i;
            batch.add(new CopyRequest(addr(local0) + 1024L * i, dest, 1024));
        }
        bm.copyBatch(batch, BmCopyType.H2G, 0);
        final List<CopyRequest> back = new ArrayList<>();
        clear(local2);
        for (int i = 0; i < 8; i++) {
            back.add(new CopyRequest(bm.ptr(BmMemType.HOST, i % 3) + 65536L * i, addr(local2) + 1024L * i, 1024));
        }
        cluster.bm(2).copyBatch(back, BmCopyType.AUTO, 0);

        Patterns.assertPattern(local2, 0, 8 * 1024, 41);
    }

    @Test
    void shouldCopyA2DRegion() {
        fill(local0, 51);
        final long dest = cluster.bm(0).ptr(BmMemType.HOST, 1) + 200_000;
        // 16 rows of 100 bytes from a source pitch of 256 into a destination pitch of 128
        cluster.bm(0).copy2d(new CopyData2DParams(addr(local0), 256, dest, 128, 100, 16), BmCopyType.H2G, 0);
        clear(local2);
        cluster.bm(2).copy(dest, addr(local2), 16 * 128, BmCopyType.G2H, 0);

        for (int row = 0; row < 16; row++) {
            for (int col = 0; col < 128; col++) {
                final byte expected = col < 100 ? Patterns.at(row * 256 + col, 51) : 0;
                assertEquals(expected, local2.get(row * 128 + col), "row=" + row + ", col=" + col);
            }
        }
    }

    @Test
    void shouldFinishAsynchronousCopiesOnWait() throws Exception {
        fill(local0, 61);
        final BigMemory bm = cluster.bm(0);
        final long base = bm.ptr(BmMemType.HOST, 2) + 300_000;
        for (int i = 0; i < 4; i++) {
            bm.copy(addr(local0) + i * 4096L, base + i * 4096L, 4096, BmCopyType.H2G, BigMemory.ASYNC_COPY_FLAG);
        }
        bm.waitAsync();
        final CompletableFuture<Void> f = cluster.bm(2).copyAsync(base, addr(local2), 4 * 4096, BmCopyType.G2H);
        f.get(30, TimeUnit.SECONDS);

        Patterns.assertPattern(local2, 0, 4 * 4096, 61);
    }

    @Test
    void shouldMoveDirectBuffersWithoutRegistration() {
        final ByteBuffer src = Patterns.filled(5000, 71);
        final ByteBuffer dst = ByteBuffer.allocateDirect(5000);
        final long gva = cluster.bm(1).ptr(BmMemType.DEVICE, 0) + 12345;

        cluster.bm(1).copyToGlobal(src, gva);
        cluster.bm(2).copyFromGlobal(gva, dst);

        Patterns.assertPattern(dst, 0, 5000, 71);
        assertEquals(0, src.position());
    }

    @Test
    void shouldGiveDirectViewsOfItsOwnPoolAndRefuseThemForPeersReachedByCopiesOnly() {
        final long mine = cluster.bm(1).ptr(BmMemType.HOST, 1) + 64;
        final ByteBuffer view = cluster.bm(1).directView(mine, 16);
        view.put(0, (byte) 99);
        final ByteBuffer seen = ByteBuffer.allocateDirect(16);
        cluster.bm(0).copyFromGlobal(mine, seen);
        assertEquals(99, seen.get(0));

        final NotSupportedException e = assertThrows(NotSupportedException.class,
            () -> cluster.bm(0).directView(mine, 16));
        assertTrue(e.getMessage().contains("transport=local"), e.getMessage());
    }

    @Test
    void shouldAnswerAddressQueries() {
        final BigMemory bm = cluster.bm(0);
        assertEquals(2, bm.rankIdByGva(bm.ptr(BmMemType.HOST, 2) + 5));
        assertEquals(BmMemType.DEVICE, bm.memTypeByGva(bm.ptr(BmMemType.DEVICE, 1)));
        assertEquals(BmCluster.HOST_BYTES, bm.localMemSize(BmMemType.HOST));
        assertEquals(BmCluster.DEVICE_BYTES, bm.localMemSize());
        assertEquals(bm.ptr(BmMemType.DEVICE, 1) - bm.ptr(BmMemType.DEVICE, 0), BmCluster.DEVICE_BYTES);
        assertEquals(1, cluster.services.get(1).rankId());
    }
}
