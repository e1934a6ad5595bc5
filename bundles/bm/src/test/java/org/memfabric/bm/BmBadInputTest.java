package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.DuplicateObjectException;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotStartedException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.bm.CopyRequest;
import org.memfabric.memory.NativeMemory;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.local.LocalTransport;

/**
 * Bad input to BM objects: every case gets a typed error naming what was wrong, before a byte moves, and the
 * object keeps working (and nothing it already holds is lost) afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BmBadInputTest {
    private LocalTransport transport;
    private BmCluster cluster;
    private ByteBuffer local;
    private long gva1;

    @BeforeAll
    void start() throws Exception {
        transport = new LocalTransport();
        cluster = new BmCluster(2, transport).joinAll();
        local = ByteBuffer.allocateDirect(1 << 16);
        cluster.bm(0).registerUserMem(local);
        gva1 = cluster.bm(0).ptr(BmMemType.HOST, 1);
    }

    @AfterAll
    void stop() {
        cluster.close();
        transport.close();
    }

    private long local() {
        return NativeMemory.address(local);
    }

    private InvalidArgumentException invalid(final org.junit.jupiter.api.function.Executable call,
        final String... mentions) {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
        for (final String m : mentions) {
            assertTrue(e.getMessage().contains(m), "expected '" + m + "' in: " + e.getMessage());
        }
        assertEquals(e.getMessage(), LastError.get());
        return e;
    }

    private void stillWorks() {
        final ByteBuffer src = Patterns.filled(256, 5);
        final ByteBuffer back = ByteBuffer.allocateDirect(256);
        cluster.bm(0).copyToGlobal(src, gva1 + 512);
        cluster.bm(1).copyFromGlobal(gva1 + 512, back);
        Patterns.assertPattern(back, 0, 256, 5);
    }

    @Test
    void shouldRefuseNullAndZeroArguments() {
        invalid(() -> cluster.bm(0).copy(0, gva1, 8, BmCopyType.H2G, 0), "src=0");
        invalid(() -> cluster.bm(0).copy(local(), 0, 8, BmCopyType.H2G, 0), "dest=0");
        invalid(() -> cluster.bm(0).copy(local(), gva1, 0, BmCopyType.H2G, 0), "size=0");
        invalid(() -> cluster.bm(0).copy(local(), gva1, 8, null, 0), "copyType");
        invalid(() -> cluster.bm(0).copyBatch(List.of(), BmCopyType.H2G, 0), "batchSize=0");
        invalid(() -> cluster.bm(0).copy(local(), gva1, 8, BmCopyType.H2G, 4), "flags=4");
        stillWorks();
    }

    @Test
    void shouldRefuseRangesOutsideTheSlotsAndThePools() {
        final long end = gva1 + BmCluster.HOST_BYTES;
        invalid(() -> cluster.bm(0).copy(local(), end - 4, 8, BmCopyType.H2G, 0), "crosses its rank's slot");
        invalid(() -> cluster.bm(0).copy(local(), GvaLayout.HOST_BASE + 5 * BmCluster.HOST_BYTES, 8,
            BmCopyType.H2G, 0), "beyond the last rank");
        invalid(() -> cluster.bm(0).copy(local(), 0x1234_5678L, 8, BmCopyType.H2G, 0), "must be a global address");
        invalid(() -> cluster.bm(0).copy(local(), cluster.bm(0).ptr(BmMemType.DEVICE, 1), 8, BmCopyType.H2GH, 0),
            "global host pool");
        invalid(() -> cluster.bm(0).copy(gva1, gva1 + 64, 8, BmCopyType.H2G, 0), "must be a local address");
        invalid(() -> cluster.bm(0).copy(local(), local() + 64, 8, BmCopyType.AUTO, 0), "local to local");
        invalid(() -> cluster.bm(0).rankIdByGva(42), "not a global address");
        stillWorks();
    }

    @Test
    void shouldRefuseUnregisteredLocalMemoryInsteadOfCrashing() {
        final ByteBuffer unregistered = ByteBuffer.allocateDirect(64);
        invalid(() -> cluster.bm(0).copy(NativeMemory.address(unregistered), gva1, 64, BmCopyType.H2G, 0),
            "not in registered local memory");
        invalid(() -> cluster.bm(0).copy(local() + (1 << 16) - 8, gva1, 64, BmCopyType.H2G, 0),
            "not in registered local memory");
        invalid(() -> cluster.bm(0).copyFromGlobal(gva1, ByteBuffer.allocate(8)), "direct buffer");
        stillWorks();
    }

    @Test
    void shouldCopyNothingWhenOneBatchElementIsBad() {
        final ByteBuffer before = ByteBuffer.allocateDirect(4096);
        cluster.bm(1).copyFromGlobal(gva1 + 40_000, before);
        for (int i = 0; i < 4096; i++) {
            local.put(i, (byte) 77);
        }
        final List<CopyRequest> batch = new ArrayList<>();
        batch.add(new CopyRequest(local(), gva1 + 40_000, 4096));
        batch.add(new CopyRequest(local(), gva1 + BmCluster.HOST_BYTES - 10, 4096));

        invalid(() -> cluster.bm(0).copyBatch(batch, BmCopyType.H2G, 0), "index=1");

        final ByteBuffer after = ByteBuffer.allocateDirect(4096);
        cluster.bm(1).copyFromGlobal(gva1 + 40_000, after);
        assertEquals(before, after, "a refused batch must not move any byte");
    }

    @Test
    void shouldKeepUserMemoryRegistrationsConsistent() {
        final ByteBuffer b = ByteBuffer.allocateDirect(8192);
        final long a = NativeMemory.address(b);
        cluster.bm(1).registerUserMem(a, 8192);
        cluster.bm(1).registerUserMem(a, 8192); // same size again: no-op
        final MemFabricException other = assertThrows(MemFabricException.class,
            () -> cluster.bm(1).registerUserMem(a, 4096));
        assertEquals(ErrorCode.SM_ERROR, other.errorCode());
        invalid(() -> cluster.bm(1).registerUserMem(a + 4096, 8192), "overlaps");
        invalid(() -> cluster.bm(1).registerUserMem(0, 8), "address=0");
        cluster.bm(1).copy(gva1, a, 8192, BmCopyType.G2H, 0); // still registered with its first size
        cluster.bm(1).unregisterUserMem(a);
        cluster.bm(1).unregisterUserMem(a); // unknown: ignored
        invalid(() -> cluster.bm(1).copy(gva1, a, 8, BmCopyType.G2H, 0), "not in registered local memory");
    }

    @Test
    void shouldRefuseCopiesBeforeJoinAndOnADestroyedHandle() throws Exception {
        final BigMemory second = cluster.services.get(0).create(7, 0, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0, 0);
        try {
            final NotStartedException early = assertThrows(NotStartedException.class,
                () -> second.copyToGlobal(Patterns.filled(8, 1), second.ptr(BmMemType.HOST, 0)));
            assertEquals(ErrorCode.SM_NOT_STARTED, early.errorCode());
            assertThrows(NotStartedException.class, () -> second.leave(0));
            assertThrows(DuplicateObjectException.class,
                () -> cluster.services.get(0).create(7, 0, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0, 0));
        } finally {
            second.close();
        }
        second.close(); // idempotent
        invalid(() -> second.copy(local(), gva1, 8, BmCopyType.H2G, 0), "destroyed");
        invalid(() -> second.join(0), "destroyed");
        stillWorks();
    }

    @Test
    void shouldRefuseCreateArgumentsNamingThem() {
        final BigMemoryServiceImpl s = cluster.services.get(1);
        invalid(() -> s.create(255, 0, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0, 0), "id");
        invalid(() -> s.create(3, 0, EnumSet.noneOf(BmDataOpType.class), 2L << 20, 0, 0), "dataOpTypes");
        invalid(() -> s.create(3, 0, EnumSet.of(BmDataOpType.SDMA), 3L << 20, 0, 0), "localDRAMSize=3145728");
        invalid(() -> s.create(3, 0, EnumSet.of(BmDataOpType.SDMA), 0, 0, 0), "both be 0");
        invalid(() -> s.create(3, 5, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0, 0), "memberSize=5");
        assertThrows(DuplicateObjectException.class,
            () -> s.create(1, 0, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0, 0));
    }

    @Test
    void shouldRefuseAPoolLargerThanTheSlotTheFirstRankFixed() {
        try (BigMemory first = cluster.services.get(1).create(9, 0, EnumSet.of(BmDataOpType.SDMA), 8L << 20, 0, 0)) {
            final InvalidArgumentException e = invalid(() -> cluster.services.get(0).create(9, 0,
                EnumSet.of(BmDataOpType.SDMA), 16L << 20, 0, 0), "hostSlotBytes=8388608");
            assertTrue(Arrays.asList(e.getMessage().split(", ")).contains("localDRAMSize=16777216"), e.getMessage());
            try (BigMemory smaller = cluster.services.get(0).create(9, 0, EnumSet.of(BmDataOpType.SDMA), 2L << 20, 0,
                0)) {
                assertEquals(first.ptr(BmMemType.HOST, 1) - first.ptr(BmMemType.HOST, 0), 8L << 20);
                assertEquals(2L << 20, smaller.localMemSize(BmMemType.HOST));
            }
        }
    }

    @Test
    void shouldKeepARegisteredBufferAliveUntilItIsUnregistered() throws Exception {
        final java.lang.ref.WeakReference<ByteBuffer> weak = registerAndForget();
        for (int i = 0; i < 20 && weak.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        final ByteBuffer still = weak.get();
        org.junit.jupiter.api.Assertions.assertNotNull(still, "a registered buffer was garbage collected");
        final long a = NativeMemory.address(still);
        cluster.bm(0).copy(gva1 + 100, a, 4096, BmCopyType.G2H, 0); // would crash the JVM if the memory were freed
        cluster.bm(0).unregisterUserMem(a);
    }

    private java.lang.ref.WeakReference<ByteBuffer> registerAndForget() {
        final ByteBuffer b = ByteBuffer.allocateDirect(4096);
        cluster.bm(0).registerUserMem(b);
        return new java.lang.ref.WeakReference<>(b);
    }
}
