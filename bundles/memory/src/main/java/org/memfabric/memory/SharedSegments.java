package org.memfabric.memory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.memfabric.api.Validate;

/**
 * The segments this process owns and has not closed, keyed by address, so that a transport can tell for a direct
 * buffer or an address range which segment, at which offset, holds it (and therefore how a peer can map it).
 * Process-wide (per class loader). {@link Segment#allocate(String, long)} registers and {@link Segment#close()}
 * unregisters; any thread may {@link #locate(long, long)} concurrently.
 */
public final class SharedSegments {
    private static final ConcurrentNavigableMap<Long, Segment> BY_ADDRESS = new ConcurrentSkipListMap<>();

    private SharedSegments() {
    }

    static void register(final Segment segment) {
        BY_ADDRESS.put(segment.address(), segment);
    }

    static void unregister(final Segment segment) {
        BY_ADDRESS.remove(segment.address(), segment);
    }

    /**
     * The owned, open segment that holds the whole range {@code [address, address + lengthBytes)}.
     *
     * @param address the first byte's address
     * @param lengthBytes the range's length, positive
     * @return the segment and the offset of {@code address} in it, or empty when no owned segment holds the whole
     *     range
     * @throws org.memfabric.api.InvalidArgumentException when the length is not positive
     */
    public static Optional<SegmentSlice> locate(final long address, final long lengthBytes) {
        Validate.positive("lengthBytes", lengthBytes);
        final Map.Entry<Long, Segment> entry = BY_ADDRESS.floorEntry(address);
        if (entry == null) {
            return Optional.empty();
        }
        final Segment segment = entry.getValue();
        final long offsetBytes = address - segment.address();
        if (!segment.isOpen() || offsetBytes > segment.sizeBytes() - lengthBytes) {
            return Optional.empty();
        }
        return Optional.of(new SegmentSlice(segment, offsetBytes, lengthBytes));
    }

    /**
     * The owned, open segment holding a direct buffer's bytes between its position and limit.
     *
     * @param buffer a direct buffer with at least one remaining byte
     * @return the segment and the offset of the buffer's position in it, or empty
     * @throws org.memfabric.api.InvalidArgumentException when the buffer is null, not direct or empty
     */
    public static Optional<SegmentSlice> locate(final ByteBuffer buffer) {
        Validate.notNull("buffer", buffer);
        Validate.isTrue(buffer.hasRemaining(), "buffer must have remaining bytes: buffer=" + buffer);
        return locate(NativeMemory.address(buffer) + buffer.position(), buffer.remaining());
    }

    /**
     * The number of owned, open segments.
     *
     * @return the count
     */
    public static int count() {
        return BY_ADDRESS.size();
    }
}
