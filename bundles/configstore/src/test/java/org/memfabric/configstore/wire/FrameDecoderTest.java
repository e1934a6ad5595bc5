package org.memfabric.configstore.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The incremental decoder of the non-blocking links: any chunking gives the frames of the blocking reader. */
class FrameDecoderTest {
    private static byte[] body(final int length, final int seed) {
        final byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static final List<byte[]> BODIES = List.of(body(0, 1), body(3, 2), body(100_000, 3),
        body(FramedLink.DIRECT_BODY_BYTES * 2 + 12_345, 4), body(17, 5));

    private static byte[] stream() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < BODIES.size(); i++) {
            out.writeBytes(Frame.encode((short) i, (short) -i, 1000 + i, BODIES.get(i)));
        }
        return out.toByteArray();
    }

    private static List<Frame> decodeInChunks(final byte[] stream, final int chunkBytes) {
        final FrameDecoder decoder = new FrameDecoder();
        final List<Frame> frames = new ArrayList<>();
        for (int from = 0; from < stream.length; from += chunkBytes) {
            decoder.decode(ByteBuffer.wrap(stream, from, Math.min(chunkBytes, stream.length - from)), frames::add);
        }
        assertTrue(decoder.isBetweenFrames());
        return frames;
    }

    @Test
    void shouldCutTheSameFramesOutOfTheStreamWhateverTheChunkSize() {
        final byte[] stream = stream();
        for (final int chunk : new int[] {1, 7, 16, 4096, 65_536, stream.length}) {
            final List<Frame> frames = decodeInChunks(stream, chunk);

            assertEquals(BODIES.size(), frames.size(), "chunk=" + chunk);
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i, frames.get(i).header().type(), "chunk=" + chunk);
                assertEquals(-i, frames.get(i).header().result(), "chunk=" + chunk);
                assertEquals(1000 + i, frames.get(i).header().seqNo(), "chunk=" + chunk);
                assertArrayEquals(BODIES.get(i), frames.get(i).body(), "chunk=" + chunk + ", frame=" + i);
            }
        }
    }

    @Test
    void shouldRejectAHeaderOutOfRangeWithAWireFormatError() {
        final byte[] header = ByteBuffer.allocate(FrameHeader.LENGTH).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) 48).putShort((short) 0).putInt(0).putInt(1).putInt(0).array();

        final WireFormatException e = assertThrows(WireFormatException.class,
            () -> new FrameDecoder().decode(ByteBuffer.wrap(header), f -> { }));

        assertEquals("frame type out of range: type=48, max=47", e.getMessage());
    }

    @Test
    void shouldNameWhatTheEndOfTheStreamCutShort() {
        final FrameDecoder between = new FrameDecoder();
        final FrameDecoder inHeader = new FrameDecoder();
        inHeader.decode(ByteBuffer.wrap(new byte[5]), f -> { });
        final FrameDecoder inBody = new FrameDecoder();
        final byte[] frame = Frame.encode((short) 0, (short) 0, 1, new byte[10]);
        inBody.decode(ByteBuffer.wrap(frame, 0, FrameHeader.LENGTH + 4), f -> { });

        assertEquals("link closed by peer", between.endOfStream().getMessage());
        assertEquals("frame header truncated: expected=16, received=5", inHeader.endOfStream().getMessage());
        assertEquals("frame body truncated: expected=10, received=4", inBody.endOfStream().getMessage());
        assertFalse(inBody.isBetweenFrames());
    }
}
