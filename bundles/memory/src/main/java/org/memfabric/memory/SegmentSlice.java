package org.memfabric.memory;

/**
 * A range inside a {@link Segment}: which segment, and where in it. Immutable.
 */
public final class SegmentSlice {
    private final Segment segment;
    private final long offsetBytes;
    private final long lengthBytes;

    SegmentSlice(final Segment segment, final long offsetBytes, final long lengthBytes) {
        this.segment = segment;
        this.offsetBytes = offsetBytes;
        this.lengthBytes = lengthBytes;
    }

    /**
     * The segment holding the range.
     *
     * @return the segment
     */
    public Segment segment() {
        return segment;
    }

    /**
     * Where the range starts, from the segment base.
     *
     * @return the offset in bytes
     */
    public long offsetBytes() {
        return offsetBytes;
    }

    /**
     * The range's length.
     *
     * @return the length in bytes
     */
    public long lengthBytes() {
        return lengthBytes;
    }

    @Override
    public String toString() {
        return "label=" + segment.descriptor().label() + ", offsetBytes=" + offsetBytes + ", lengthBytes="
            + lengthBytes;
    }
}
