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
}
