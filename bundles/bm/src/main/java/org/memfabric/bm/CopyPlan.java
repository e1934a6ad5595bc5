package org.memfabric.bm;

import java.nio.ByteBuffer;

/**
 * One checked copy: each side is either a resolved {@link GlobalRange} or local memory (a process address already
 * found in registered memory, or a caller's direct buffer). Built only by {@link CopyPlanner}, so every plan has
 * passed all checks before a byte moves. Immutable.
 */
final class CopyPlan {
    private final long sizeBytes;
    private final GlobalRange source;
    private final GlobalRange destination;
    private final long localSource;
    private final long localDestination;
    private final ByteBuffer sourceBuffer;
    private final ByteBuffer destinationBuffer;

    CopyPlan(final long sizeBytes, final GlobalRange source, final GlobalRange destination, final long localSource,
        final long localDestination, final ByteBuffer sourceBuffer, final ByteBuffer destinationBuffer) {
        this.sizeBytes = sizeBytes;
        this.source = source;
        this.destination = destination;
        this.localSource = localSource;
        this.localDestination = localDestination;
        this.sourceBuffer = sourceBuffer;
        this.destinationBuffer = destinationBuffer;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** The global source, or null when the source is local. */
    GlobalRange source() {
        return source;
    }

    /** The global destination, or null when the destination is local. */
    GlobalRange destination() {
        return destination;
    }

    long localSource() {
        return localSource;
    }

    long localDestination() {
        return localDestination;
    }

    ByteBuffer sourceBuffer() {
        return sourceBuffer;
    }

    ByteBuffer destinationBuffer() {
        return destinationBuffer;
    }

    /** The remote rank this copy talks to, or -1 for copies that stay in this process or involve two peers. */
    int singlePeer(final int selfRank) {
        if (source != null && destination != null) {
            return -1;
        }
        final GlobalRange g = source != null ? source : destination;
        return g.rank() == selfRank ? -1 : g.rank();
    }

    @Override
    public String toString() {
        return "src=" + (source != null ? "{" + source + "}" : "local 0x" + Long.toHexString(localSource))
            + ", dest=" + (destination != null ? "{" + destination + "}" : "local 0x"
                + Long.toHexString(localDestination)) + ", sizeBytes=" + sizeBytes;
    }
}
