package org.memfabric.configstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One frame as read from a link: its header and body. Also builds encoded frames (header and body in one array so
 * that a frame is one write).
 */
public final class Frame {
    private final FrameHeader header;
    private final byte[] body;

    /**
     * Creates a frame.
     *
     * @param header the header
     * @param body the body, {@code header.bodyLength()} bytes
     */
    public Frame(final FrameHeader header, final byte[] body) {
        this.header = header;
        this.body = body;
    }

    /**
     * The header.
     *
     * @return the header
     */
    public FrameHeader header() {
        return header;
    }

    /**
     * The body (not copied).
     *
     * @return the body
     */
    public byte[] body() {
        return body;
    }

    /**
     * Encodes a frame.
     *
     * @param type the frame type slot
     * @param result the result code
     * @param seqNo the sequence number
     * @param body the body
     * @return header and body in one array
     */
    public static byte[] encode(final short type, final short result, final int seqNo, final byte[] body) {
        if (body.length > WireLimits.MAX_BODY_BYTES) {
            throw new WireFormatException(
                "frame body too large: bodyLength=" + body.length + ", max=" + WireLimits.MAX_BODY_BYTES);
        }
        final ByteBuffer b = ByteBuffer.allocate(FrameHeader.LENGTH + body.length).order(ByteOrder.LITTLE_ENDIAN);
        new FrameHeader(type, result, body.length, seqNo).encodeTo(b);
        b.put(body);
        return b.array();
    }
}
