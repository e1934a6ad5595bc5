package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.trans.TransCluster.crc;
import static org.memfabric.trans.TransCluster.patterned;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferRequest;
import org.memfabric.api.trans.TransferStream;
import org.memfabric.memory.NativeMemory;

/**
 * Three engines in this JVM moving bytes with checksums over shared memory (segment memory from allocateMem) and over
 * TCP (plain direct buffers): sync, batch and ordered asynchronous transfers, registration visible at once,
 * deregistration revoking access, roles, and a peer restarted under the same unique id.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessTransferTest {
    private static final int MIB = 1 << 20;

    private TransCluster cluster;
    private TransferEngineImpl a;
    private TransferEngineImpl b;

    @BeforeEach
    void start() throws Exception {
        cluster = new TransCluster(TransRole.BOTH, TransRole.BOTH);
        a = cluster.engine(0);
        b = cluster.engine(1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static long addr(final ByteBuffer buffer) {
        return NativeMemory.address(buffer) + buffer.position();
    }

    private static long counter(final TransferEngineImpl e, final String name) {
        final Map<String, Long> c = e.counters();
        return c.getOrDefault(name, 0L);
    }

    @Test
    void shouldWriteAndReadOverShmWhenMemoryComesFromAllocateMem() {
        final ByteBuffer src = a.allocateMem(4 * MIB);
        final ByteBuffer back = a.allocateMem(2 * MIB);
        final ByteBuffer dst = b.allocateMem(4 * MIB);
        TransCluster.fill(src, 7);
        a.write(addr(src), b.uniqueId(), addr(dst) + 4096, 3 * MIB);
        assertEquals(crc(src, 0, 3 * MIB), crc(dst, 4096, 3 * MIB));
        a.read(addr(back), b.uniqueId(), addr(dst) + 4096 + 100, 2 * MIB);
        assertEquals(crc(src, 100, 2 * MIB), crc(back, 0, 2 * MIB));
        assertTrue(counter(a, "shm.bytesWritten") >= 3 * MIB, "counters=" + a.counters());
        assertEquals(0L, counter(a, "tcp.bytesWritten"), "counters=" + a.counters());
    }

    @Test
    void shouldWriteAndReadOverTcpWhenMemoryIsAPlainDirectBuffer() {
        final ByteBuffer src = patterned(MIB, 3);
        final ByteBuffer back = ByteBuffer.allocateDirect(MIB);
        final ByteBuffer dst = ByteBuffer.allocateDirect(2 * MIB);
        a.registerMem(src);
        a.registerMem(back);
        b.registerMem(dst);
        a.write(addr(src), b.uniqueId(), addr(dst) + MIB, MIB);
        assertEquals(crc(src, 0, MIB), crc(dst, MIB, MIB));
        a.read(addr(back), b.uniqueId(), addr(dst) + MIB, MIB);
        assertEquals(crc(src, 0, MIB), crc(back, 0, MIB));
        assertTrue(counter(a, "tcp.bytesWritten") >= MIB, "counters=" + a.counters());
    }

    @Test
    void shouldRunBatchesOverBothTransportsWhenRegionsDiffer() {
        final ByteBuffer src = a.allocateMem(2 * MIB);
        TransCluster.fill(src, 11);
        final ByteBuffer shmDst = b.allocateMem(2 * MIB);
        final ByteBuffer tcpDst = ByteBuffer.allocateDirect(MIB);
        b.registerMem(tcpDst);
        final List<TransferRequest> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(new TransferRequest(addr(src) + i * 65536L, addr(shmDst) + i * 131072L, 65536));
            writes.add(new TransferRequest(addr(src) + MIB + i * 4096L, addr(tcpDst) + i * 8192L, 4096));
        }
        a.batchWrite(b.uniqueId(), writes);
        for (int i = 0; i < 8; i++) {
            assertEquals(crc(src, i * 65536, 65536), crc(shmDst, i * 131072, 65536), "shm element " + i);
            assertEquals(crc(src, MIB + i * 4096, 4096), crc(tcpDst, i * 8192, 4096), "tcp element " + i);
        }
        final ByteBuffer back = a.allocateMem(2 * MIB);
        final List<TransferRequest> reads = new ArrayList<>();
        for (final TransferRequest w : writes) {
            reads.add(new TransferRequest(w.localAddress() - addr(src) + addr(back), w.remoteAddress(), w.length()));
        }
        a.batchRead(b.uniqueId(), reads);
        for (final TransferRequest w : writes) {
            final int off = (int) (w.localAddress() - addr(src));
            assertEquals(crc(src, off, (int) w.length()), crc(back, off, (int) w.length()));
        }
        assertTrue(counter(a, "shm.bytesWritten") > 0 && counter(a, "tcp.bytesWritten") > 0, "" + a.counters());
    }

    @Test
    void shouldCompleteStreamTransfersInSubmissionOrderWhenTheyTargetTheSameBytes() throws Exception {
        final int n = 16;
        final ByteBuffer src = a.allocateMem(2 * MIB);
        final ByteBuffer dst = b.allocateMem(2 * MIB);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 65536; j++) {
                src.put(i * 65536 + j, (byte) (i + 1));
            }
        }
        final List<Integer> completed = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (TransferStream stream = a.newStream()) {
            for (int i = 0; i < n; i++) {
                final int index = i;
                final CompletableFuture<Void> f = a.writeSubmit(addr(src) + i * 65536L, b.uniqueId(), addr(dst),
                    65536, stream);
                f.thenRun(() -> completed.add(index));
                futures.add(f);
            }
            stream.synchronize();
            assertEquals(0, stream.pending());
        }
        for (final CompletableFuture<Void> f : futures) {
            f.get(5, TimeUnit.SECONDS);
        }
        for (int j = 0; j < 65536; j++) {
            assertEquals(n, dst.get(j), "last write wins at " + j);
        }
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertEquals(expected, completed);
        final ByteBuffer back = a.allocateMem(2 * MIB);
        try (TransferStream stream = a.newStream()) {
            a.readSubmit(addr(back), b.uniqueId(), addr(dst), 65536, stream).get(5, TimeUnit.SECONDS);
        }
        assertEquals(crc(dst, 0, 65536), crc(back, 0, 65536));
    }

    @Test
    void shouldRunBatchSubmitsAsUnitsInStreamOrderOverShmAndTcp() throws Exception {
        final ByteBuffer src = a.allocateMem(2 * MIB);
        final ByteBuffer shmDst = b.allocateMem(2 * MIB);
        final ByteBuffer tcpDst = ByteBuffer.allocateDirect(256 * 1024);
        b.registerMem(tcpDst);
        for (int i = 0; i < 2 * MIB; i++) {
            src.put(i, (byte) (i * 13 + 1));
        }
        final List<TransferRequest> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writes.add(new TransferRequest(addr(src) + i * 65536L, addr(shmDst) + i * 65536L, 65536));
            writes.add(new TransferRequest(addr(src) + MIB + i * 4096L, addr(tcpDst) + i * 4096L, 4096));
        }
        final ByteBuffer back = a.allocateMem(2 * MIB);
        final List<TransferRequest> reads = new ArrayList<>();
        for (final TransferRequest w : writes) {
            reads.add(new TransferRequest(w.localAddress() - addr(src) + addr(back), w.remoteAddress(), w.length()));
        }
        try (TransferStream stream = a.newStream()) {
            final CompletableFuture<Void> written = a.batchWriteSubmit(b.uniqueId(), writes, stream);
            final CompletableFuture<Void> read = a.batchReadSubmit(b.uniqueId(), reads, stream);
            read.get(10, TimeUnit.SECONDS);
            assertTrue(written.isDone(), "the write batch completes before the read batch queued after it");
            stream.synchronize();
        }
        for (final TransferRequest w : writes) {
            final int off = (int) (w.localAddress() - addr(src));
            assertEquals(crc(src, off, (int) w.length()), crc(back, off, (int) w.length()), "element at " + off);
        }
        final List<TransferRequest> outside = List.of(new TransferRequest(addr(src), addr(tcpDst) + 256 * 1024 - 8,
            16));
        try (TransferStream stream = a.newStream()) {
            assertThrows(InvalidArgumentException.class, () -> a.batchWriteSubmit(b.uniqueId(), outside, stream));
            assertEquals(0, stream.pending(), "a refused batch is not queued");
        }
    }

    @Test
    void shouldUseOnlyTheTransportsItsDataOpTypesAllow() throws Exception {
        final TransferEngineImpl tcpOnly = (TransferEngineImpl) cluster.services.get(0).create(cluster.url,
            "127.0.0.1:" + TransCluster.freePort(), TransCluster.config(TransRole.BOTH)
                .dataOpTypes(EnumSet.of(BmDataOpType.HOST_TCP)));
        try {
            final ByteBuffer src = tcpOnly.allocateMem(2 * MIB);
            final ByteBuffer dst = b.allocateMem(2 * MIB);
            TransCluster.fill(src, 9);
            tcpOnly.write(addr(src), b.uniqueId(), addr(dst), MIB);
            assertEquals(crc(src, 0, MIB), crc(dst, 0, MIB));
            assertTrue(counter(tcpOnly, "tcp.bytesWritten") >= MIB, "counters=" + tcpOnly.counters());
            assertEquals(0L, counter(tcpOnly, "shm.bytesWritten"), "counters=" + tcpOnly.counters());
        } finally {
            tcpOnly.close();
        }
    }

    @Test
    void shouldTransferWithAnEngineWhoseUniqueIdIsAnIpv6Address() throws Exception {
        final TransferEngineImpl v6 = (TransferEngineImpl) cluster.services.get(1).create(cluster.url,
            "[::1]:" + TransCluster.freePort(), TransCluster.config(TransRole.BOTH));
        try {
            final ByteBuffer src = patterned(65536, 21);
            a.registerMem(src);
            final ByteBuffer dst = ByteBuffer.allocateDirect(65536);
            v6.registerMem(dst);
            a.write(addr(src), v6.uniqueId(), addr(dst), 65536);
            assertEquals(crc(src, 0, 65536), crc(dst, 0, 65536));
            final ByteBuffer back = ByteBuffer.allocateDirect(65536);
            v6.registerMem(back);
            v6.read(addr(back), a.uniqueId(), addr(src), 65536);
            assertEquals(crc(src, 0, 65536), crc(back, 0, 65536));
            assertTrue(v6.uniqueId().startsWith("[::1]:"), v6.uniqueId());
        } finally {
            v6.close();
        }
    }

    @Test
    void shouldReportTheFirstStreamFailureOnSynchronizeWhenAPeerRegionIsGone() {
        final ByteBuffer src = a.allocateMem(2 * MIB);
        final ByteBuffer dst = b.allocateMem(2 * MIB);
        try (TransferStream stream = a.newStream()) {
            a.writeSubmit(addr(src), b.uniqueId(), addr(dst), 4096, stream);
            stream.synchronize();
            b.deregisterMem(addr(dst));
            assertThrows(MemFabricException.class, () -> {
                a.writeSubmit(addr(src), b.uniqueId(), addr(dst), 4096, stream);
                stream.synchronize();
            });
        }
    }

    @Test
    void shouldUseMemoryAtOnceWhenAPeerRegistersItAfterBeingCached() {
        final ByteBuffer src = patterned(65536, 5);
        a.registerMem(src);
        final ByteBuffer first = b.allocateMem(2 * MIB);
        a.write(addr(src), b.uniqueId(), addr(first), 65536);
        for (int i = 0; i < 5; i++) {
            final ByteBuffer fresh = ByteBuffer.allocateDirect(65536);
            b.registerMem(fresh);
            a.write(addr(src), b.uniqueId(), addr(fresh), 65536);
            assertEquals(crc(src, 0, 65536), crc(fresh, 0, 65536), "round " + i);
        }
    }

    @Test
    void shouldMergeBatchRegistrationsWhenRangesTouchOrOverlap() {
        final ByteBuffer dst = ByteBuffer.allocateDirect(256 * 1024);
        final long base = addr(dst);
        b.batchRegisterMem(new long[] {base + 65536, base, base + 100_000, base + 131072},
            new long[] {65536, 65536, 40_000, 131072}, 0);
        final ByteBuffer src = patterned(256 * 1024, 9);
        a.registerMem(src);
        a.write(addr(src), b.uniqueId(), base, 256 * 1024);
        assertEquals(crc(src, 0, 256 * 1024), crc(dst, 0, 256 * 1024));
        b.deregisterMem(base);
        assertThrows(MemFabricException.class, () -> a.write(addr(src), b.uniqueId(), base + 70_000, 100));
    }

    @Test
    void shouldRefuseAPeerAccessWhenTheOwnerDeregisteredTheRegion() {
        final ByteBuffer src = patterned(65536, 1);
        a.registerMem(src);
        final ByteBuffer shmDst = b.allocateMem(2 * MIB);
        final ByteBuffer tcpDst = ByteBuffer.allocateDirect(65536);
        b.registerMem(tcpDst);
        a.write(addr(src), b.uniqueId(), addr(shmDst), 65536);
        a.write(addr(src), b.uniqueId(), addr(tcpDst), 65536);
        b.deregisterMem(addr(shmDst));
        b.deregisterMem(addr(tcpDst));
        final ByteBuffer before = ByteBuffer.allocateDirect(65536).put(tcpDst.duplicate().clear()).clear();
        final MemFabricException e1 = assertThrows(MemFabricException.class,
            () -> a.write(addr(src), b.uniqueId(), addr(tcpDst), 65536));
        assertTrue(e1.getMessage().contains(b.uniqueId()), e1.getMessage());
        assertThrows(MemFabricException.class, () -> a.read(addr(src), b.uniqueId(), addr(shmDst), 4096));
        assertEquals(crc(before, 0, 65536), crc(tcpDst, 0, 65536));
    }

    @Test
    void shouldKeepRegistrationsWhenAnOverlappingRegistrationIsRefused() {
        final ByteBuffer dst = ByteBuffer.allocateDirect(131072);
        b.registerMem(dst);
        b.registerMem(dst);
        assertThrows(InvalidArgumentException.class, () -> b.registerMem(addr(dst) + 4096, 4096, 0));
        assertThrows(InvalidArgumentException.class,
            () -> b.batchRegisterMem(new long[] {addr(dst) + 131072 - 8}, new long[] {16}, 0));
        final ByteBuffer src = patterned(131072, 4);
        a.registerMem(src);
        a.write(addr(src), b.uniqueId(), addr(dst), 131072);
        assertEquals(crc(src, 0, 131072), crc(dst, 0, 131072));
    }

    @Test
    void shouldApplyRolesWhenEnginesAreSendersAndReceivers() throws Exception {
        final TransferEngineImpl sender = cluster.engine(0);
        cluster.services.add(new TransferServiceImpl(() -> cluster.stores, cluster.catalog));
        cluster.services.get(2).init(TransCluster.config(TransRole.RECEIVER));
        final TransferEngineImpl receiver = (TransferEngineImpl) cluster.services.get(2).create(cluster.url,
            cluster.id(2), TransCluster.config(TransRole.RECEIVER));
        cluster.services.add(new TransferServiceImpl(() -> cluster.stores, cluster.catalog));
        cluster.services.get(3).init(TransCluster.config(TransRole.SENDER));
        final TransferEngineImpl pureSender = (TransferEngineImpl) cluster.services.get(3).create(cluster.url,
            cluster.id(3), TransCluster.config(TransRole.SENDER));
        final ByteBuffer inbox = receiver.allocateMem(2 * MIB);
        final ByteBuffer out = pureSender.allocateMem(2 * MIB);
        TransCluster.fill(out, 21);
        pureSender.write(addr(out), receiver.uniqueId(), addr(inbox), MIB);
        assertEquals(crc(out, 0, MIB), crc(inbox, 0, MIB));
        final InvalidArgumentException noInitiate = assertThrows(InvalidArgumentException.class,
            () -> receiver.write(addr(inbox), pureSender.uniqueId(), addr(out), 16));
        assertTrue(noInitiate.getMessage().contains("role=RECEIVER"), noInitiate.getMessage());
        final ByteBuffer mine = sender.allocateMem(2 * MIB);
        final InvalidArgumentException notOffered = assertThrows(InvalidArgumentException.class,
            () -> sender.read(addr(mine), pureSender.uniqueId(), addr(out), 16));
        assertTrue(notOffered.getMessage().contains("role is SENDER"), notOffered.getMessage());
    }

    @Test
    void shouldReachARestartedPeerWhenItComesBackWithTheSameUniqueId() {
        final ByteBuffer src = patterned(65536, 8);
        a.registerMem(src);
        final ByteBuffer old = b.allocateMem(2 * MIB);
        a.write(addr(src), b.uniqueId(), addr(old), 65536);
        final String id = b.uniqueId();
        final long oldAddress = addr(old);
        b.destroy(0);
        assertThrows(MemFabricException.class, () -> a.write(addr(src), id, oldAddress, 65536));
        final TransferEngineImpl again = cluster.create(1, TransRole.BOTH);
        final ByteBuffer fresh = ByteBuffer.allocateDirect(65536);
        again.registerMem(fresh);
        a.write(addr(src), id, addr(fresh), 65536);
        assertEquals(crc(src, 0, 65536), crc(fresh, 0, 65536));
        final ByteBuffer seg = again.allocateMem(2 * MIB);
        a.write(addr(src), id, addr(seg), 65536);
        assertEquals(crc(src, 0, 65536), crc(seg, 0, 65536));
    }
}
