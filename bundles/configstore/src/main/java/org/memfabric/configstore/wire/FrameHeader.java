package org.memfabric.configstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 16-byte header before every frame body, byte-compatible with the original. Layout version 0, little-endian:
 *
 * <pre>
 *  0               2               4                               8
 *  +---------------+---------------+-------------------------------+
 *  |  type (i16)   | result (i16)  |        bodyLength (u32)       |
 *  +---------------+---------------+-------------------------------+
 *  |          seqNo (u32)          |       crc (u32, always 0)     |
 *  +-------------------------------+-------------------------------+ 16
 * </pre>
 *
 * {@code type} is the framing layer's slot (0..47; the store uses 0 for everything), {@code result} is 0 in requests
 * and the store code in replies, which reuse the request's {@code seqNo}.
 */
public final class FrameHeader {
    /** Encoded length in bytes. */
    public static final int LENGTH = 16;

    private final short type;
    private final short result;
    private final int bodyLength;
    private final int seqNo;

    /**
     * Creates a header.
     *
     * @param type the frame type slot
     * @param result the result code (0 in requests)
     * @param bodyLength the body length in bytes
     * @param seqNo the sequence number
     */
    public FrameHeader(final short type, final short result, final int bodyLength, final int seqNo) {
        this.type = type;
        this.result = result;
        this.bodyLength = bodyLength;
        this.seqNo = seqNo;
    }

    /**
     * Writes the header into a buffer at its position (which must be little-endian).
     *
     * @param target the buffer
     */
    public void encodeTo(final ByteBuffer target) {
        target.putShort(type).putShort(result).putInt(bodyLength).putInt(seqNo).putInt(0);
    }

    /**
     * Decodes and checks a header: the type slot must be 0..47 and the body no larger than
     * {@link WireLimits#MAX_BODY_BYTES}.
     *
     * @param bytes at least 16 bytes; the first 16 are read
     * @return the header
     */
    public static FrameHeader decode(final byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new WireFormatException("frame header truncated: expected=" + LENGTH + ", actual=" + bytes.length);
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes, 0, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final short type = b.getShort();
        final short result = b.getShort();
        final long bodyLength = Integer.toUnsignedLong(b.getInt());
        final int seqNo = b.getInt();
        if (type < 0 || type > WireLimits.MAX_FRAME_TYPE) {
            throw new WireFormatException("frame type out of range: type=" + type + ", max=" + WireLimits.MAX_FRAME_TYPE);
        }
        if (bodyLength > WireLimits.MAX_BODY_BYTES) {
            throw new WireFormatException(
                "frame body too large: bodyLength=" + bodyLength + ", max=" + WireLimits.MAX_BODY_BYTES);
        }
        return new FrameHeader(type, result, (int) bodyLength, seqNo);
    }

    /**
     * The frame type slot.
     *
     * @return the type
     */
    public short type() {
        return type;
    }

    /**
     * The result code.
     *
     * @return the result
     */
    public short result() {
        return result;
    }

    /**
     * The body length.
     *
     * @return bytes
     */
    public int bodyLength() {
        return bodyLength;
    }

    /**
     * The sequence number.
     *
     * @return the sequence number
     */
    public int seqNo() {
        return seqNo;
    }

    /**
     * A little-endian buffer for one header.
     *
     * @return a new buffer
     */
    static ByteBuffer newBuffer() {
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "FrameHeader[type=" + type + ", result=" + result + ", bodyLength=" + bodyLength + ", seqNo="
            + Integer.toUnsignedString(seqNo) + "]";
    }
}
