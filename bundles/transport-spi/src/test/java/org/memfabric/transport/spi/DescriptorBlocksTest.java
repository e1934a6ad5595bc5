package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

/** The record framing modules share: header checks and length-prefixed blocks. */
class DescriptorBlocksTest {
    private static ByteBuffer record(final int magic, final int major, final int minor, final byte[]... blocks)
        throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            DescriptorBlocks.writeHeader(out, magic, major, minor);
            for (final byte[] b : blocks) {
                DescriptorBlocks.write(out, b);
            }
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    @Test
    void shouldReadBackTheBlocksAfterAMatchingHeader() throws Exception {
        final ByteBuffer in = record(0x4D465858, 1, 0, new byte[] {1, 2, 3}, new byte[0]);
        assertEquals(0, DescriptorBlocks.readHeader(in, "test record", 0x4D465858, 1, 0));
        assertArrayEquals(new byte[] {1, 2, 3}, DescriptorBlocks.read(in, "test record"));
        assertArrayEquals(new byte[0], DescriptorBlocks.read(in, "test record"));
        assertEquals(0, in.remaining());
    }

    @Test
    void shouldAcceptANewerMinorAndRefuseAnotherMagicOrMajorNamingThem() throws Exception {
        assertEquals(3, DescriptorBlocks.readHeader(record(7, 1, 3), "test record", 7, 1, 0));
        assertEquals("test record wrong magic: expected=0x7, found=0x8", assertThrows(InvalidArgumentException.class,
            () -> DescriptorBlocks.readHeader(record(8, 1, 0), "test record", 7, 1, 0)).getMessage());
        assertEquals("test record layout not compatible: app=1.0, bytes=2.0",
            assertThrows(InvalidArgumentException.class,
                () -> DescriptorBlocks.readHeader(record(7, 2, 0), "test record", 7, 1, 0)).getMessage());
    }

    @Test
    void shouldRefuseABlockLongerThanTheRecord() {
        final ByteBuffer in = ByteBuffer.allocate(6).putInt(10).put((byte) 1).put((byte) 2).flip();
        assertEquals("test record block length out of range: lengthBytes=10, remainingBytes=2",
            assertThrows(InvalidArgumentException.class, () -> DescriptorBlocks.read(in, "test record")).getMessage());
    }
}
