package org.memfabric.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.memfabric.api.DuplicateObjectException;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.OperationTimeoutException;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.transport.local.LocalTransport;

/**
 * Bad input to SHM: every case gets a typed error with the original's code, naming what was wrong, before anything
 * moves; the object keeps working and keeps what it holds afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmBadInputTest {
    private static final long SLOT = ShmCluster.SLOT_BYTES;
    private LocalTransport transport;
    private ShmCluster cluster;

    @BeforeAll
    void start() throws Exception {
        transport = new LocalTransport();
        cluster = new ShmCluster(2, Duration.ofSeconds(3), transport).createAll(1, EnumSet.of(ShmDataOpType.SDMA));
        cluster.parallel(r -> {
            cluster.shm(r).setExtraContext(new byte[] {(byte) (r + 1)});
            return null;
        });
        cluster.shm(0).put(1, 100, ByteBuffer.wrap(new byte[] {7, 7, 7}));
    }

    @AfterAll
    void stop() {
        cluster.close();
        transport.close();
    }

    private static <E extends MemFabricException> E fails(final Class<E> type, final ErrorCode code,
        final Executable call, final String... mentions) {
        final E e = assertThrows(type, call);
        assertEquals(code, e.errorCode());
        for (final String m : mentions) {
            assertTrue(e.getMessage().contains(m), "expected '" + m + "' in: " + e.getMessage());
        }
        assertEquals(e.getMessage(), LastError.get());
        return e;
    }

    private static void invalid(final Executable call, final String... mentions) {
        fails(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, call, mentions);
    }

    /** What the fixture stored is still there and data still moves. */
    private void stillWorks() {
        final ByteBuffer b = ByteBuffer.allocate(3);
        cluster.shm(1).get(1, 100, b);
        assertArrayEquals(new byte[] {7, 7, 7}, b.array());
        assertArrayEquals(new byte[] {1}, cluster.shm(1).extraContext(0).orElseThrow());
        assertArrayEquals(new byte[] {2}, cluster.shm(0).extraContext(1).orElseThrow());
    }

    @Test
    void shouldRejectIdAbove63WithInvalidParam() {
        invalid(() -> cluster.services.get(0).create(64, 2, 0, SLOT, EnumSet.of(ShmDataOpType.MTE), 0), "id=64");
        invalid(() -> cluster.services.get(0).create(-1, 2, 0, SLOT, EnumSet.of(ShmDataOpType.MTE), 0), "id=-1");
    }

    @Test
    void shouldRejectSymmetricSizeNotAMultipleOf2MiB() {
        invalid(() -> cluster.services.get(0).create(2, 2, 0, 3L << 20, EnumSet.of(ShmDataOpType.MTE), 0),
            "symmetricSize", "3145728");
        invalid(() -> cluster.services.get(0).create(2, 2, 0, 0, EnumSet.of(ShmDataOpType.MTE), 0), "symmetricSize");
        invalid(() -> cluster.services.get(0).create(2, 2, 0, 66L << 30, EnumSet.of(ShmDataOpType.MTE), 0),
            "symmetricSize");
    }

    @Test
    void shouldRejectOtherCreateArgumentsByName() {
        invalid(() -> cluster.services.get(0).create(2, 2, 2, SLOT, EnumSet.of(ShmDataOpType.MTE), 0), "rankId=2");
        invalid(() -> cluster.services.get(0).create(2, 1025, 0, SLOT, EnumSet.of(ShmDataOpType.MTE), 0),
            "rankSize=1025");
        invalid(() -> cluster.services.get(0).create(2, 2, 0, SLOT, EnumSet.noneOf(ShmDataOpType.class), 0),
            "dataOpTypes");
        invalid(() -> cluster.services.get(0).create(2, 2, 0, SLOT, EnumSet.of(ShmDataOpType.MTE), 1), "flags=1");
    }

    @Test
    void shouldRejectADuplicateIdAndKeepTheExistingObject() {
        fails(DuplicateObjectException.class, ErrorCode.SM_DUPLICATED_OBJECT,
            () -> cluster.services.get(0).create(1, 2, 0, SLOT, EnumSet.of(ShmDataOpType.SDMA), 0), "id=1");
        stillWorks();
    }

    @Test
    void shouldSayNotInitializedWhenCreatingBeforeInit() {
        final ShareMemoryServiceImpl fresh = new ShareMemoryServiceImpl(() -> cluster.stores, cluster.catalog,
            new org.memfabric.memory.HostBackedDeviceMemory());
        fails(NotInitializedException.class, ErrorCode.SM_NOT_INITIALIZED,
            () -> fresh.create(3, 2, 0, SLOT, EnumSet.of(ShmDataOpType.MTE), 0), "id=3");
    }

    @Test
    void shouldRejectBadInitArgumentsByName() {
        final ShareMemoryServiceImpl fresh = new ShareMemoryServiceImpl(() -> cluster.stores, cluster.catalog,
            new org.memfabric.memory.HostBackedDeviceMemory());
        invalid(() -> fresh.init(cluster.url, 2, 2, 0, new ShmConfig()), "rankId=2");
        invalid(() -> fresh.init(cluster.url, 2, 0, 0, new ShmConfig().nicUrl("udp://1.2.3.4:5")), "nicUrl");
        invalid(() -> new ShmConfig().initTimeout(Duration.ZERO), "initTimeout");
        assertTrue(!fresh.isInitialized());
    }

    @Test
    void shouldRejectAccessBeyondTheSlotOrToAnUnknownRank() {
        invalid(() -> cluster.shm(0).put(1, SLOT - 4, ByteBuffer.allocate(8)), "offset=" + (SLOT - 4), "sizeBytes=8",
            "symmetricSize=" + SLOT);
        invalid(() -> cluster.shm(0).get(0, -1, ByteBuffer.allocate(1)), "offset=-1");
        invalid(() -> cluster.shm(0).get(1, SLOT, ByteBuffer.allocate(1)), "offset=" + SLOT);
        invalid(() -> cluster.shm(0).put(2, 0, ByteBuffer.allocate(1)), "rank=2");
        invalid(() -> cluster.shm(0).view(-1), "rank=-1");
        invalid(() -> cluster.shm(0).topologyCanReach(2), "remoteRank=2");
        invalid(() -> cluster.shm(0).extraContext(5), "rank=5");
        invalid(() -> cluster.shm(0).get(1, 0, ByteBuffer.allocate(4).asReadOnlyBuffer()), "dest must be writable");
        stillWorks();
    }

    @Test
    void shouldRejectAnExtraContextAbove64KiBOrEmpty() {
        invalid(() -> cluster.shm(0).setExtraContext(new byte[ShareMemory.EXTRA_CONTEXT_MAX + 1]),
            "extraContextSize=65537");
        invalid(() -> cluster.shm(0).setExtraContext(new byte[0]), "extraContextSize=0");
        invalid(() -> cluster.shm(0).setExtraContext(null), "context");
        stillWorks();
    }

    @Test
    void shouldRejectBadCollectiveArgumentsLocally() {
        invalid(() -> cluster.shm(0).allGather(new byte[ShareMemory.ALLGATHER_MAX + 1]), "sendSize=65537");
        invalid(() -> cluster.shm(0).allGather(new byte[0]), "sendSize=0");
        invalid(() -> cluster.shm(0).subgroupBarrier("K", 3, 0), "subgroupSize=3");
        invalid(() -> cluster.shm(0).subgroupBarrier("K", 2, 2), "subgroupRank=2");
        invalid(() -> cluster.shm(0).subgroupBarrier("x".repeat(64), 2, 0), "key length=64");
        invalid(() -> cluster.shm(0).atomicAllocValue(0), "limit=0");
        invalid(() -> cluster.shm(0).atomicAllocValue(1025), "limit=1025");
        invalid(() -> cluster.shm(0).atomicReleaseValue(5), "not allocated by this process", "value=5");
        invalid(() -> cluster.shm(0).registerExit(null), "handler");
        invalid(() -> cluster.shm(0).destroy(1), "flags=1");
        stillWorks();
    }

    @Test
    void shouldFailAnAllGatherWhoseSizesDifferBetweenRanksAndRecover() throws Exception {
        final List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            final int rank = r;
            calls.add(CompletableFuture.supplyAsync(() -> cluster.shm(rank).allGather(new byte[4 + 4 * rank])));
        }
        int mismatch = 0;
        int timedOut = 0;
        for (final CompletableFuture<byte[]> c : calls) {
            try {
                c.get(30, TimeUnit.SECONDS);
            } catch (final java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof InvalidArgumentException) {
                    assertTrue(e.getCause().getMessage().contains("allgather sizes differ"), e.getCause().getMessage());
                    mismatch++;
                } else if (e.getCause() instanceof OperationTimeoutException) {
                    timedOut++;
                }
            }
        }
        assertEquals(1, mismatch, "the later rank sees the mismatch");
        assertEquals(1, timedOut, "the earlier rank waits out the control timeout");
        final List<Object> next = cluster.parallel(r -> cluster.shm(r).allGather(new byte[] {(byte) r}));
        assertArrayEquals(new byte[] {0, 1}, (byte[]) next.get(0));
        stillWorks();
    }

    @Test
    void shouldFailEveryCallAfterDestroyWithATypedError() throws Exception {
        final List<Object> made = cluster.parallel(r -> cluster.services.get(r).create(4, 2, r, SLOT,
            EnumSet.of(ShmDataOpType.SDMA), 0));
        final ShareMemory gone = (ShareMemory) made.get(0);
        gone.destroy(0);
        ((ShareMemory) made.get(1)).close();
        gone.destroy(0); // idempotent
        final List<Executable> calls = List.of(gone::barrier, () -> gone.allGather(new byte[1]), gone::gva,
            gone::localRank, () -> gone.put(1, 0, ByteBuffer.allocate(1)), () -> gone.get(0, 0, ByteBuffer.allocate(1)),
            () -> gone.view(0), () -> gone.setExtraContext(new byte[1]), () -> gone.topologyCanReach(1),
            () -> gone.globalExit(0), () -> gone.atomicAllocValue(4), () -> gone.registerExit(s -> { }));
        for (final Executable call : calls) {
            invalid(call, "shm object destroyed", "id=4", "rank=0");
        }
        assertEquals(4, gone.id());
        stillWorks();
    }
}
