package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;

class BlockPatternTest {

    @Test
    void shouldGiveTheSameBytesForTheSameSeedAndOthersForAnotherSeed() {
        final ByteBuffer a = ByteBuffer.allocateDirect(4099);
        final ByteBuffer b = ByteBuffer.allocateDirect(4099);
        BlockPattern.fill(a, 4099, 5);
        BlockPattern.fill(b, 4099, 5);
        assertEquals(a, b);
        assertEquals(BlockPattern.crc32c(a, 4099), BlockPattern.crc32c(b, 4099));

        BlockPattern.fill(b, 4099, 6);
        assertNotEquals(BlockPattern.crc32c(a, 4099), BlockPattern.crc32c(b, 4099));
    }

    @Test
    void shouldOnlyTouchAndChecksumTheGivenLengthWhateverTheBufferPosition() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        buffer.position(40);
        BlockPattern.fill(buffer, 13, 1);

        for (int i = 13; i < 64; i++) {
            assertEquals(0, buffer.get(i), "byte " + i);
        }
        final byte[] first = new byte[13];
        buffer.get(0, first);
        final CRC32C crc = new CRC32C();
        crc.update(first);
        assertEquals(crc.getValue(), BlockPattern.crc32c(buffer, 13));
        assertEquals(40, buffer.position());
    }

    @Test
    void shouldDetectASingleChangedByte() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        BlockPattern.fill(buffer, 1 << 16, 9);
        final long before = BlockPattern.crc32c(buffer, 1 << 16);
        buffer.put(40_000, (byte) (buffer.get(40_000) ^ 1));

        assertNotEquals(before, BlockPattern.crc32c(buffer, 1 << 16));
    }
}
