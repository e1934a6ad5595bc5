package org.memfabric.transport.shm;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.memfabric.memory.SegmentDescriptor;

/**
 * The shm part of a region descriptor ({@code RegionDescriptor#transportData()}): where the region lives, so a
 * requester can map the data segment itself. The owner's control table stays the authority: a requester uses the
 * segment named here only when its nonce equals the one in the region's slot, and always copies at the slot's offset.
 *
 * <pre>
 *  offset  size  field
 *  0       8     offset of the region in the data segment (big-endian)
 *  8       n     the data segment's SegmentDescriptor bytes (its own magic and version)
 * </pre>
 */
final class RegionTransportData {
    static final int OFFSET_BYTES = Long.BYTES;

    private RegionTransportData() {
    }

    static byte[] encode(final SegmentDescriptor segment, final long offsetBytes) {
        final byte[] descriptor = segment.toBytes();
        return ByteBuffer.allocate(OFFSET_BYTES + descriptor.length).putLong(offsetBytes).put(descriptor).array();
    }

    /**
     * The data segment a region's transport data names.
     *
     * @return the descriptor, or null when the data is missing or malformed
     */
    static SegmentDescriptor segment(final byte[] transportData) {
        if (transportData.length <= OFFSET_BYTES) {
            return null;
        }
        try {
            return SegmentDescriptor.fromBytes(Arrays.copyOfRange(transportData, OFFSET_BYTES, transportData.length));
        } catch (final org.memfabric.api.InvalidArgumentException malformed) {
            return null;
        }
    }

    /** The region's offset in its data segment; the data must be at least {@value #OFFSET_BYTES} bytes. */
    static long offsetBytes(final byte[] transportData) {
        return ByteBuffer.wrap(transportData).getLong(0);
    }
}
