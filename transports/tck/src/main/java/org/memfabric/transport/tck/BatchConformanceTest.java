package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferOp;

/** Batches move every op's bytes, apply overlapping ops in order and validate everything before starting. */
public abstract class BatchConformanceTest extends TransportTestSupport {
    private static final int OPS = 16;
    private static final int OP_BYTES = 4096;

    /** Creates the test; subclasses supply the transport. */
    protected BatchConformanceTest() {
    }

    /** A batch of writes to different offsets, then a batch of reads, round-trips every op. */
    @Test
    public void shouldWriteAndReadABatchAtDifferentOffsets() {
        final RegisteredRegion region = registerOwnerRegion(OPS * OP_BYTES);
        final RegionDescriptor remote = exported(region);
        final List<TransferOp> writes = new ArrayList<>();
        final List<TransferOp> reads = new ArrayList<>();
        final List<ByteBuffer> targets = new ArrayList<>();
        for (int i = 0; i < OPS; i++) {
            writes.add(TransferOp.write(pattern(OP_BYTES, i), remote, (long) i * OP_BYTES));
            final ByteBuffer target = ByteBuffer.allocateDirect(OP_BYTES);
            targets.add(target);
            reads.add(TransferOp.read(remote, (long) i * OP_BYTES, target));
        }
        try (PeerConnection connection = connectToOwner()) {
            connection.transferBatch(writes);
            connection.transferBatch(reads);
        }
        for (int i = 0; i < OPS; i++) {
            assertPattern(region.memory(), i * OP_BYTES, OP_BYTES, i);
            assertPattern(targets.get(i), 0, OP_BYTES, i);
        }
    }

    /** Ops on the same range take effect in list order: the later write wins, a read sees earlier writes. */
    @Test
    public void shouldApplyOverlappingOpsInListOrder() {
        final RegisteredRegion region = registerOwnerRegion(1024);
        final RegionDescriptor remote = exported(region);
        final ByteBuffer seen = ByteBuffer.allocateDirect(1024);
        try (PeerConnection connection = connectToOwner()) {
            connection.transferBatch(List.of(
                TransferOp.write(pattern(1024, 1), remote, 0),
                TransferOp.write(pattern(1024, 2), remote, 0),
                TransferOp.read(remote, 0, seen)));
        }
        assertPattern(region.memory(), 0, 1024, 2);
        assertPattern(seen, 0, 1024, 2);
    }

    /** An empty batch does nothing and fails nothing. */
    @Test
    public void shouldDoNothingForAnEmptyBatch() {
        registerOwnerRegion(64);
        try (PeerConnection connection = connectToOwner()) {
            connection.transferBatch(List.of());
            connection.transferBatchAsync(List.of()).join();
        }
    }

    /** An op targeting another peer is bad input and no op of the batch starts. */
    @Test
    public void shouldStartNoOpWhenOneTargetsAnotherPeer() {
        final RegisteredRegion region = registerOwnerRegion(64);
        final RegisteredRegion elsewhere = requester.registerRegion(allocateRegionMemory(64));
        final byte[] before = TransportTestSupport.snapshot(region.memory());
        try (PeerConnection connection = connectToOwner()) {
            final List<TransferOp> ops = List.of(
                TransferOp.write(pattern(64, 1), exported(region), 0),
                TransferOp.write(pattern(64, 2), exported(elsewhere), 0));
            assertThrows(InvalidArgumentException.class, () -> connection.transferBatch(ops));
            assertThrows(InvalidArgumentException.class, () -> connection.transferBatchAsync(ops));
        }
        TransportTestSupport.assertUnchanged(before, region.memory());
        assertZeros(elsewhere.memory(), 0, 64);
    }

    /** A null list or a null op is bad input. */
    @Test
    public void shouldRejectNullBatchAndNullOp() {
        try (PeerConnection connection = connectToOwner()) {
            assertThrows(InvalidArgumentException.class, () -> connection.transferBatch(null));
            final List<TransferOp> withNull = new ArrayList<>();
            withNull.add(null);
            assertThrows(InvalidArgumentException.class, () -> connection.transferBatch(withNull));
        }
    }

    /** An op the owner refuses fails the batch with the owner's typed refusal. */
    @Test
    public void shouldFailTheBatchWithTheOwnersRefusal() {
        final RegisteredRegion region = registerOwnerRegion(64);
        final RegionDescriptor real = exported(region);
        final RegionDescriptor forged = new RegionDescriptor(real.transportName(), real.ownerAddress(),
            real.regionId(), real.key(), real.baseAddress(), 1024);
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException failure = assertThrows(RegionAccessException.class,
                () -> connection.transferBatch(List.of(
                    TransferOp.write(pattern(64, 1), real, 0),
                    TransferOp.write(pattern(64, 2), forged, 512))));
            assertEquals(RegionAccessException.Refusal.OUT_OF_BOUNDS, failure.refusal());
        }
    }
}
