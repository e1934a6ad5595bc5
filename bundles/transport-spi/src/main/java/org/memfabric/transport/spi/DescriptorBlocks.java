package org.memfabric.transport.spi;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.memfabric.api.InvalidArgumentException;

/**
 * Length-prefixed blocks: how records that modules publish (BM's rank export, TRANS's engine record) embed the
 * encoded {@link PeerDescriptor}s and {@link RegionDescriptor}s of their transports. A block is a big-endian
 * {@code int} byte count followed by that many bytes. Stateless.
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
}
