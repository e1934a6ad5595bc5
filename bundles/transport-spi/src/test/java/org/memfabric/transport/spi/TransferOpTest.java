package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

class TransferOpTest {
    private final RegionDescriptor remote =
        new RegionDescriptor("local", EndpointAddress.ofText("peer"), 1, 2, 0, 100);

    @Test
    void shouldCaptureLocalRangeFromPositionToLimit() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64).position(8).limit(40);

        final TransferOp op = TransferOp.write(buffer, remote, 10);

        assertEquals(8, op.localOffset());
        assertEquals(32, op.sizeBytes());
        assertEquals(TransferDirection.WRITE, op.direction());
    }

    @Test
    void shouldAcceptRangeEndingAtTheRegionEnd() {
        assertEquals(100, TransferOp.read(remote, 0, ByteBuffer.allocate(100)).sizeBytes());
        assertEquals(1, TransferOp.read(remote, 99, ByteBuffer.allocate(1)).sizeBytes());
    }

    @Test
    void shouldRejectRangeBeyondTheDescriptor() {
        final InvalidArgumentException failure = assertThrows(InvalidArgumentException.class,
            () -> TransferOp.write(ByteBuffer.allocate(2), remote, 99));
        assertEquals("remote range outside the region: transport=local, owner=peer, regionId=1, baseAddress=0x0, "
            + "lengthBytes=100, remoteOffset=99, sizeBytes=2", failure.getMessage());
    }

    @Test
    void shouldRejectNegativeOffsetAndHugeOffset() {
        assertThrows(InvalidArgumentException.class, () -> TransferOp.write(ByteBuffer.allocate(1), remote, -1));
        assertThrows(InvalidArgumentException.class,
            () -> TransferOp.write(ByteBuffer.allocate(1), remote, Long.MAX_VALUE));
    }

    @Test
    void shouldRejectReadIntoReadOnlyBuffer() {
        assertThrows(InvalidArgumentException.class,
            () -> TransferOp.read(remote, 0, ByteBuffer.allocate(4).asReadOnlyBuffer()));
    }

    @Test
    void shouldRejectNulls() {
        assertThrows(InvalidArgumentException.class, () -> TransferOp.write(null, remote, 0));
        assertThrows(InvalidArgumentException.class, () -> TransferOp.read(null, 0, ByteBuffer.allocate(1)));
    }

    @Test
    void shouldTakeAbsoluteLocalRangesWithoutLookingAtThePosition() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64).position(50);

        final TransferOp write = TransferOp.write(buffer, 8, 32, remote, 10);
        final TransferOp read = TransferOp.read(remote, 0, buffer, 0, 64);

        assertEquals(8, write.localOffset());
        assertEquals(32, write.sizeBytes());
        assertEquals(TransferDirection.WRITE, write.direction());
        assertEquals(0, read.localOffset());
        assertEquals(64, read.sizeBytes());
        assertEquals(TransferDirection.READ, read.direction());
        assertEquals(50, buffer.position(), "the op leaves the buffer as it was");
    }

    @Test
    void shouldRejectAbsoluteLocalRangesOutsideTheLimit() {
        final ByteBuffer buffer = ByteBuffer.allocate(64).limit(40);

        final InvalidArgumentException failure = assertThrows(InvalidArgumentException.class,
            () -> TransferOp.write(buffer, 20, 21, remote, 0));
        assertEquals("local range outside the buffer: localOffset=20, sizeBytes=21, limit=40", failure.getMessage());
        assertThrows(InvalidArgumentException.class, () -> TransferOp.read(remote, 0, buffer, -1, 4));
        assertThrows(InvalidArgumentException.class, () -> TransferOp.read(remote, 0, buffer, 0, -4));
        assertThrows(InvalidArgumentException.class,
            () -> TransferOp.read(remote, 0, buffer, Integer.MAX_VALUE, 2));
        assertEquals(40, TransferOp.write(buffer, 0, 40, remote, 0).sizeBytes(), "a range ending at the limit");
    }

    @Test
    void shouldCheckAbsoluteOpsAsThePositionalOnes() {
        final ByteBuffer buffer = ByteBuffer.allocate(8);
        assertThrows(InvalidArgumentException.class, () -> TransferOp.write(buffer, 0, 2, remote, 99));
        assertThrows(InvalidArgumentException.class,
            () -> TransferOp.read(remote, 0, buffer.asReadOnlyBuffer(), 0, 4));
        assertThrows(InvalidArgumentException.class, () -> TransferOp.write(null, 0, 1, remote, 0));
        assertThrows(InvalidArgumentException.class, () -> TransferOp.read(null, 0, buffer, 0, 1));
    }
}
