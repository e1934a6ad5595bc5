package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

class SegmentDescriptorTest {
    private static final UUID BOOT = UUID.fromString("1656ab13-a337-4f40-8e37-293e66e0aabc");
    private static final SegmentDescriptor SAMPLE =
        new SegmentDescriptor(BOOT, 4242, 17, 3 * Segment.SEGMENT_GRANULARITY_BYTES, 99, 0x0123456789abcdefL, "rank-3");

    @Test
    void shouldRoundTripThroughBytes() {
        final byte[] bytes = SAMPLE.toBytes();

        assertEquals(SegmentDescriptor.FIXED_BYTES + 6, bytes.length);
        assertEquals(SAMPLE, SegmentDescriptor.fromBytes(bytes));
        assertEquals(SAMPLE.hashCode(), SegmentDescriptor.fromBytes(bytes).hashCode());
    }

    @Test
    void shouldWriteTheDocumentedLayout() {
        final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(SAMPLE.toBytes());

        assertEquals(SegmentDescriptor.MAGIC, bytes.getInt(0));
        assertEquals(1, bytes.get(4));
        assertEquals(0, bytes.get(5));
        assertEquals(BOOT.getMostSignificantBits(), bytes.getLong(6));
        assertEquals(BOOT.getLeastSignificantBits(), bytes.getLong(14));
        assertEquals(4242, bytes.getInt(22));
        assertEquals(17, bytes.getInt(26));
        assertEquals(3 * Segment.SEGMENT_GRANULARITY_BYTES, bytes.getLong(30));
        assertEquals(99, bytes.getLong(38));
        assertEquals(0x0123456789abcdefL, bytes.getLong(46));
        assertEquals(6, bytes.getShort(54));
    }

    @Test
    void shouldNameTheMemfdAfterLabelAndNonce() {
        assertEquals("memfabric:rank-3:0123456789abcdef", SAMPLE.memfdName());
    }

    @Test
    void shouldRejectEveryTruncationNamingAField() {
        final byte[] bytes = SAMPLE.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            final byte[] truncated = Arrays.copyOf(bytes, length);
            final InvalidArgumentException failure =
                assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(truncated));
            assertTrue(failure.getMessage().startsWith("segment descriptor truncated: field="), failure.getMessage());
        }
    }

    @Test
    void shouldRejectAWrongMagicAnotherMajorAndTrailingBytes() {
        final byte[] magic = SAMPLE.toBytes();
        magic[0] = 'X';
        assertTrue(assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(magic))
            .getMessage().startsWith("segment descriptor has a wrong magic"));

        final byte[] major = SAMPLE.toBytes();
        major[4] = 2;
        assertEquals("segment descriptor layout not compatible: app=1.0, bytes=2.0",
            assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(major)).getMessage());

        final byte[] trailing = Arrays.copyOf(SAMPLE.toBytes(), SAMPLE.toBytes().length + 1);
        assertEquals("segment descriptor has trailing bytes: trailingBytes=1",
            assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(trailing)).getMessage());

        final byte[] newerMinor = Arrays.copyOf(SAMPLE.toBytes(), SAMPLE.toBytes().length + 4);
        newerMinor[5] = 1;
        assertEquals(SAMPLE, SegmentDescriptor.fromBytes(newerMinor));
        assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(null));
    }

    @Test
    void shouldRejectInvalidFieldsNamingThem() {
        final java.nio.ByteBuffer size = java.nio.ByteBuffer.wrap(SAMPLE.toBytes());
        size.putLong(30, 4096);
        final InvalidArgumentException badSize =
            assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(size.array()));
        assertTrue(badSize.getMessage().contains("sizeBytes"), badSize.getMessage());

        final java.nio.ByteBuffer pid = java.nio.ByteBuffer.wrap(SAMPLE.toBytes());
        pid.putInt(22, 0);
        final InvalidArgumentException badPid =
            assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(pid.array()));
        assertTrue(badPid.getMessage().contains("pid"), badPid.getMessage());

        final java.nio.ByteBuffer label = java.nio.ByteBuffer.wrap(SAMPLE.toBytes());
        label.putShort(54, (short) 0);
        final byte[] noLabel = Arrays.copyOf(label.array(), SegmentDescriptor.FIXED_BYTES);
        final InvalidArgumentException badLabel =
            assertThrows(InvalidArgumentException.class, () -> SegmentDescriptor.fromBytes(noLabel));
        assertTrue(badLabel.getMessage().contains("label"), badLabel.getMessage());
    }

    @Test
    void shouldLeaveTheNonceOutOfTheText() {
        assertTrue(!SAMPLE.toString().contains("0123456789abcdef"), SAMPLE.toString());
        assertTrue(SAMPLE.toString().contains("pid=4242"), SAMPLE.toString());
    }
}
