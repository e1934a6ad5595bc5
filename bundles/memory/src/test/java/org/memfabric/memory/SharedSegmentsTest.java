package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

class SharedSegmentsTest {
    private static final long MIB_2 = Segment.SEGMENT_GRANULARITY_BYTES;

    @Test
    void shouldLocateRangesInsideAnOwnedSegment() {
        try (Segment segment = Segment.allocate("locate", 2 * MIB_2)) {
            final SegmentSlice whole = SharedSegments.locate(segment.address(), 2 * MIB_2).orElseThrow();
            assertSame(segment, whole.segment());
            assertEquals(0, whole.offsetBytes());

            final SegmentSlice tail = SharedSegments.locate(segment.address() + 2 * MIB_2 - 1, 1).orElseThrow();
            assertEquals(2 * MIB_2 - 1, tail.offsetBytes());
            assertEquals(1, tail.lengthBytes());

            assertTrue(SharedSegments.locate(segment.address() + 2 * MIB_2 - 1, 2).isEmpty());
            assertTrue(SharedSegments.locate(segment.address() - 1, 1).isEmpty());
        }
    }

    @Test
    void shouldLocateADirectBufferFromItsPosition() {
        try (Segment segment = Segment.allocate("locate", MIB_2)) {
            final ByteBuffer buffer = segment.view(4096, 8192).position(100).limit(300);

            final SegmentSlice slice = SharedSegments.locate(buffer).orElseThrow();
            assertEquals(4196, slice.offsetBytes());
            assertEquals(200, slice.lengthBytes());
        }
    }

    @Test
    void shouldForgetClosedSegmentsAndIgnoreOtherMemory() {
        final Segment segment = Segment.allocate("locate", MIB_2);
        final long address = segment.address();
        final int before = SharedSegments.count();
        segment.close();

        assertEquals(before - 1, SharedSegments.count());
        assertTrue(SharedSegments.locate(address, 1).isEmpty());
        assertTrue(SharedSegments.locate(ByteBuffer.allocateDirect(64)).isEmpty());
    }

    @Test
    void shouldNotRegisterAttachedMappings() {
        try (Segment owner = Segment.allocate("locate", MIB_2); Segment attached = Segment.attach(owner.descriptor())) {
            assertTrue(SharedSegments.locate(attached.address(), 1).isEmpty());
            assertSame(owner, SharedSegments.locate(owner.address(), 1).orElseThrow().segment());
        }
    }

    @Test
    void shouldRejectEmptyRangesAndHeapBuffers() {
        assertThrows(InvalidArgumentException.class, () -> SharedSegments.locate(4096, 0));
        assertThrows(InvalidArgumentException.class, () -> SharedSegments.locate(ByteBuffer.allocate(8)));
        assertThrows(InvalidArgumentException.class, () -> SharedSegments.locate(ByteBuffer.allocateDirect(0)));
    }
}
