package org.memfabric.transport.spi;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/**
 * Shared encoding of the SPI descriptors: big-endian, a 4-byte magic, a major and a minor layout version, then
 * length-prefixed strings and fixed-size numbers. Decoding failures are {@link InvalidArgumentException}s naming the
 * descriptor and what was wrong.
 */
final class DescriptorCodec {
    private final String what;
    private final ByteBuffer buffer;

    private DescriptorCodec(final String what, final ByteBuffer buffer) {
        this.what = what;
        this.buffer = buffer.order(ByteOrder.BIG_ENDIAN);
    }

    static DescriptorCodec writer(final String what, final int capacityBytes) {
        return new DescriptorCodec(what, ByteBuffer.allocate(capacityBytes));
    }

    static DescriptorCodec reader(final String what, final byte[] bytes) {
        if (bytes == null) {
            throw fail(what + " bytes must not be null: bytes=null");
        }
        return new DescriptorCodec(what, ByteBuffer.wrap(bytes));
    }

    static int sizeOfString(final String text) {
        return Short.BYTES + text.getBytes(StandardCharsets.UTF_8).length;
    }

    void putHeader(final int magic, final int major, final int minor) {
        buffer.putInt(magic).put((byte) major).put((byte) minor);
    }

    /**
     * Reads and checks the header: the magic must match and the major version must equal {@code major}.
     *
     * @return the minor version found
     */
    int checkHeader(final int magic, final int major, final int minor) {
        final int foundMagic = getInt("magic");
        if (foundMagic != magic) {
            throw fail(what + " has a wrong magic: expected=0x" + Integer.toHexString(magic) + ", found=0x"
                + Integer.toHexString(foundMagic));
        }
        final int foundMajor = Byte.toUnsignedInt(get("majorVersion"));
        final int foundMinor = Byte.toUnsignedInt(get("minorVersion"));
        if (foundMajor != major) {
            throw fail(what + " layout not compatible: app=" + major + "." + minor + ", bytes=" + foundMajor + "."
                + foundMinor);
        }
        return foundMinor;
    }

    void putString(final String text) {
        putBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void putBytes(final byte[] bytes) {
        buffer.putShort((short) bytes.length).put(bytes);
    }

    void putInt(final int value) {
        buffer.putInt(value);
    }

    void putLong(final long value) {
        buffer.putLong(value);
    }

    String getString(final String field) {
        return new String(getBytes(field), StandardCharsets.UTF_8);
    }

    byte[] getBytes(final String field) {
        final int length = Short.toUnsignedInt(getShort(field));
        if (length > buffer.remaining()) {
            throw fail(what + " truncated: field=" + field + ", lengthBytes=" + length + ", remainingBytes="
                + buffer.remaining());
        }
        final byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    int getInt(final String field) {
        try {
            return buffer.getInt();
        } catch (final BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    long getLong(final String field) {
        try {
            return buffer.getLong();
        } catch (final BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    /** Fails when bytes follow the last field of a layout whose minor version is not newer than ours. */
    void checkEnd(final int foundMinor, final int minor) {
        if (foundMinor <= minor && buffer.hasRemaining()) {
            throw fail(what + " has trailing bytes: trailingBytes=" + buffer.remaining());
        }
    }

    byte[] toBytes() {
        if (buffer.hasRemaining()) {
            throw new IllegalStateException(what + " size miscomputed: unusedBytes=" + buffer.remaining());
        }
        return buffer.array();
    }

    private byte get(final String field) {
        try {
            return buffer.get();
        } catch (final BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    private short getShort(final String field) {
        try {
            return buffer.getShort();
        } catch (final BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    private InvalidArgumentException truncated(final String field) {
        return fail(what + " truncated: field=" + field + ", offset=" + buffer.position() + ", totalBytes="
            + buffer.limit());
    }

    private static InvalidArgumentException fail(final String message) {
        return LastError.record(new InvalidArgumentException(message));
    }
}
