package org.memfabric.transport.spi;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.memfabric.api.InvalidArgumentException;

/**
 * The framing of records that modules publish (BM's rank export, TRANS's engine record): a header of a magic
 * {@code int} and a layout version (major, minor bytes), and length-prefixed blocks that embed the encoded
 * {@link PeerDescriptor}s and {@link RegionDescriptor}s of their transports. A block is a big-endian {@code int} byte
 * count followed by that many bytes. A reader refuses another magic and another major version, and reads a newer
 * minor version (which may append fields). Stateless.
 *
 * @since 1.1
 */
public final class DescriptorBlocks {
    private DescriptorBlocks() {
    }

    /**
     * Writes one block.
     *
     * @param out the stream
     * @param block the bytes
     * @throws IOException from the stream
     */
    public static void write(final DataOutputStream out, final byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    /**
     * Reads one block.
     *
     * @param in the record, positioned at the block's length
     * @param record what is read, for the error message (e.g. {@code "bm rank export"})
     * @return the bytes
     * @throws InvalidArgumentException when the length is negative or runs past the record
     */
    public static byte[] read(final ByteBuffer in, final String record) {
        final int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new InvalidArgumentException(record + " block length out of range: lengthBytes=" + n
                + ", remainingBytes=" + in.remaining());
        }
        final byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /**
     * Writes a record header.
     *
     * @param out the stream
     * @param magic the record's magic
     * @param major the layout major version
     * @param minor the layout minor version
     * @throws IOException from the stream
     */
    public static void writeHeader(final DataOutputStream out, final int magic, final int major, final int minor)
        throws IOException {
        out.writeInt(magic);
        out.writeByte(major);
        out.writeByte(minor);
    }

    /**
     * Reads and checks a record header.
     *
     * @param in the record, positioned at its start
     * @param record what is read, for the error message
     * @param magic the expected magic
     * @param major this reader's layout major version
     * @param minor this reader's layout minor version
     * @return the record's minor version (a newer one may carry fields this reader skips)
     * @throws InvalidArgumentException on another magic or major version
     */
    public static int readHeader(final ByteBuffer in, final String record, final int magic, final int major,
        final int minor) {
        final int found = in.getInt();
        if (found != magic) {
            throw new InvalidArgumentException(record + " wrong magic: expected=0x" + Integer.toHexString(magic)
                + ", found=0x" + Integer.toHexString(found));
        }
        final int foundMajor = in.get() & 0xff;
        final int foundMinor = in.get() & 0xff;
        if (foundMajor != major) {
            throw new InvalidArgumentException(record + " layout not compatible: app=" + major + "." + minor
                + ", bytes=" + foundMajor + "." + foundMinor);
        }
        return foundMinor;
    }
}
