package org.memfabric.bm;

import org.memfabric.api.bm.BmMemType;

/** A resolved global range: a rank's pool of one memory type, an offset in it and a size. Immutable. */
final class GlobalRange {
    private final BmMemType type;
    private final int rank;
    private final long offsetBytes;
    private final long sizeBytes;

    GlobalRange(final BmMemType type, final int rank, final long offsetBytes, final long sizeBytes) {
        this.type = type;
        this.rank = rank;
        this.offsetBytes = offsetBytes;
        this.sizeBytes = sizeBytes;
    }

    BmMemType type() {
        return type;
    }

    int rank() {
        return rank;
    }

    long offsetBytes() {
        return offsetBytes;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** The sub-range {@code [from, from + length)} of this range. */
    GlobalRange slice(final long from, final long length) {
        return new GlobalRange(type, rank, offsetBytes + from, length);
    }

    @Override
    public String toString() {
        return "memType=" + type + ", rank=" + rank + ", offset=" + offsetBytes + ", sizeBytes=" + sizeBytes;
    }
}
