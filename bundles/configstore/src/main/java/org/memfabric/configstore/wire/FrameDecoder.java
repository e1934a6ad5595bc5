package org.memfabric.configstore.wire;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts frames out of a byte stream that arrives in pieces of any size (the non-blocking counterpart of
 * {@link FramedLink#read()}). Checks every header with {@link FrameHeader#decode}; a body above
 * {@link FramedLink#DIRECT_BODY_BYTES} grows as its bytes arrive, so a peer that announces a large body and sends
 * nothing makes the decoder hold at most that much.
 *
 * <p>Threading: confined to one thread at a time (the selector thread of its link).
 */
public final class FrameDecoder {
    /** Receives each complete frame, on the decoding thread. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * Handles one frame.
         *
         * @param frame the frame
         */
        void onFrame(Frame frame);
    }

    private final byte[] headerBytes = new byte[FrameHeader.LENGTH];
    private int headerFilled;
    /** The header of the frame whose body is being read, or null while reading a header. */
    private FrameHeader header;
    private byte[] body;
    private int bodyFilled;

    /**
     * Consumes every byte of {@code source} (from its position to its limit), passing each completed frame to the
     * sink in order.
     *
     * @param source bytes just read
     * @param sink receives the frames
     * @throws WireFormatException when a header is out of range; the stream cannot be resynchronised after that
     */
    public void decode(final ByteBuffer source, final FrameSink sink) {
        while (source.hasRemaining()) {
            if (header == null) {
                final int n = Math.min(source.remaining(), FrameHeader.LENGTH - headerFilled);
                source.get(headerBytes, headerFilled, n);
                headerFilled += n;
                if (headerFilled < FrameHeader.LENGTH) {
                    return;
                }
                headerFilled = 0;
                header = FrameHeader.decode(headerBytes);
                body = new byte[Math.min(header.bodyLength(), FramedLink.DIRECT_BODY_BYTES)];
                bodyFilled = 0;
            }
            if (bodyFilled == body.length && body.length < header.bodyLength()) {
                body = Arrays.copyOf(body, (int) Math.min(header.bodyLength(), 2L * body.length));
            }
            final int n = Math.min(source.remaining(), body.length - bodyFilled);
            source.get(body, bodyFilled, n);
            bodyFilled += n;
            if (bodyFilled == header.bodyLength()) {
                final Frame frame = new Frame(header, body);
                header = null;
                body = null;
                sink.onFrame(frame);
            }
        }
    }

    /**
     * Whether the decoder is between frames (nothing of a next frame has arrived).
     *
     * @return true between frames
     */
    public boolean isBetweenFrames() {
        return header == null && headerFilled == 0;
    }

    /**
     * The error for the end of the stream at this point, with the same messages as {@link FramedLink#read()}.
     *
     * @return "link closed by peer" between frames, otherwise what was cut short
     */
    public EOFException endOfStream() {
        if (header != null) {
            return new EOFException("frame body truncated: expected=" + header.bodyLength() + ", received=" + bodyFilled);
        }
        if (headerFilled > 0) {
            return new EOFException(
                "frame header truncated: expected=" + FrameHeader.LENGTH + ", received=" + headerFilled);
        }
        return new EOFException("link closed by peer");
    }
}
