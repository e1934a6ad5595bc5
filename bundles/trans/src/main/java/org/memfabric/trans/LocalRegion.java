package org.memfabric.trans;

import java.nio.ByteBuffer;

import org.memfabric.memory.NativeMemory;
import org.memfabric.memory.Segment;

/**
 * One registration of this engine: an address range, the direct views of its {@link #CHUNK_BYTES} chunks (a
 * {@link ByteBuffer} holds at most 2 GiB), what keeps the memory alive (the user's buffer, or the segment
 * {@code allocateMem} made, which this region releases). Immutable apart from {@link #release()}.
 */
final class LocalRegion {
    /** Regions are cut into chunks of at most this size, both for local views and for transport registration. */
    static final long CHUNK_BYTES = 1L << 30;

    private final long address;
    private final long sizeBytes;
    private final ByteBuffer[] chunks;
    private final Object keepAlive;
    private final Segment allocated;

    private LocalRegion(final long address, final long sizeBytes, final ByteBuffer[] chunks, final Object keepAlive,
        final Segment allocated) {
        this.address = address;
        this.sizeBytes = sizeBytes;
        this.chunks = chunks;
        this.keepAlive = keepAlive;
        this.allocated = allocated;
    }

    /** A region over raw memory the caller keeps mapped. */
    static LocalRegion ofAddress(final long address, final long sizeBytes) {
        final ByteBuffer[] chunks = new ByteBuffer[chunkCount(sizeBytes)];
        for (int i = 0; i < chunks.length; i++) {
            final long off = i * CHUNK_BYTES;
            chunks[i] = NativeMemory.view(address + off, (int) Math.min(CHUNK_BYTES, sizeBytes - off));
        }
        return new LocalRegion(address, sizeBytes, chunks, null, null);
    }

    /** A region over a direct buffer's bytes between position and limit; the buffer is kept reachable. */
    static LocalRegion ofBuffer(final ByteBuffer buffer) {
        final long address = NativeMemory.address(buffer) + buffer.position();
        final int size = buffer.remaining();
        final ByteBuffer whole = buffer.slice();
        final ByteBuffer[] chunks = new ByteBuffer[chunkCount(size)];
        for (int i = 0; i < chunks.length; i++) {
            final int off = (int) (i * CHUNK_BYTES);
            chunks[i] = whole.duplicate().position(off).limit((int) Math.min(size, off + CHUNK_BYTES)).slice();
        }
        return new LocalRegion(address, size, chunks, buffer, null);
    }

    /** A region over a whole segment this engine allocated and releases. */
    static LocalRegion ofSegment(final Segment segment) {
        final ByteBuffer view = segment.view(0, (int) segment.sizeBytes());
        final LocalRegion r = ofBuffer(view);
        return new LocalRegion(r.address, r.sizeBytes, r.chunks, view, segment);
    }

    private static int chunkCount(final long sizeBytes) {
        return (int) ((sizeBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    long address() {
        return address;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long end() {
        return address + sizeBytes;
    }

    int chunkCount() {
        return chunks.length;
    }

    /** A new view of chunk {@code index}, position 0. */
    ByteBuffer chunk(final int index) {
        return chunks[index].duplicate();
    }

    /**
     * The chunk holding {@code at}, shared, not a copy: callers index it absolutely ({@link #indexInChunk}) and
     * never move its position or limit.
     */
    ByteBuffer chunkHolding(final long at) {
        return chunks[(int) ((at - address) / CHUNK_BYTES)];
    }

    /** The index of {@code at} in {@link #chunkHolding(long) its chunk}. */
    int indexInChunk(final long at) {
        return (int) ((at - address) % CHUNK_BYTES);
    }

    /** Bytes from {@code at} to the end of its chunk. */
    long chunkRemaining(final long at) {
        final long off = at - address;
        return Math.min(CHUNK_BYTES - off % CHUNK_BYTES, sizeBytes - off);
    }

    boolean contains(final long at, final long lengthBytes) {
        return at >= address && lengthBytes <= sizeBytes && at - address <= sizeBytes - lengthBytes;
    }

    /** Whether this region was made by {@code allocateMem}. */
    boolean isAllocated() {
        return allocated != null;
    }

    /** Releases the segment {@code allocateMem} made; nothing for user memory. */
    void release() {
        if (allocated != null) {
            allocated.close();
        }
    }

    Object keepAlive() {
        return keepAlive;
    }

    @Override
    public String toString() {
        return "address=0x" + Long.toHexString(address) + ", sizeBytes=" + sizeBytes;
    }
}
