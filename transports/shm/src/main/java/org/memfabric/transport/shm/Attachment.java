package org.memfabric.transport.shm;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import org.memfabric.memory.Segment;

/**
 * A peer's segment mapped into this process, shared by the connections and direct views that use it and unmapped
 * when the last of them lets go. Any thread copies through it concurrently (absolute bulk {@link ByteBuffer} methods
 * only, which never move a position); {@link #tryRetain()} and {@link #release()} count users, and the thread that
 * drops the count to zero unmaps.
 *
 * <p>A segment may exceed 2 GiB while one {@link ByteBuffer} cannot, so the mapping is covered by windows of
 * {@value #WINDOW_BYTES} bytes and a copy that crosses a window boundary is split.
 */
final class Attachment {
    /** Size of one window over the mapping: 1 GiB. */
    static final int WINDOW_BYTES = 1 << 30;
    private static final int WINDOW_SHIFT = 30;

    private final Segment segment;
    private final ByteBuffer[] windows;
    private final AtomicInteger users = new AtomicInteger(1);
    private final Runnable onUnmap;

    /** Wraps a freshly attached segment with one user, the caller. */
    Attachment(final Segment segment, final Runnable onUnmap) {
        this.segment = segment;
        this.onUnmap = onUnmap;
        final long sizeBytes = segment.sizeBytes();
        final int count = (int) ((sizeBytes + WINDOW_BYTES - 1) >>> WINDOW_SHIFT);
        this.windows = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            final long start = (long) i << WINDOW_SHIFT;
            windows[i] = segment.view(start, (int) Math.min(WINDOW_BYTES, sizeBytes - start));
        }
    }

    Segment segment() {
        return segment;
    }

    long nonce() {
        return segment.descriptor().nonce();
    }

    long sizeBytes() {
        return segment.sizeBytes();
    }

    /** Adds a user unless the attachment is already being unmapped. */
    boolean tryRetain() {
        int current;
        do {
            current = users.get();
            if (current == 0) {
                return false;
            }
        } while (!users.compareAndSet(current, current + 1));
        return true;
    }

    /** Drops a user; the last one unmaps. */
    void release() {
        if (users.decrementAndGet() == 0) {
            onUnmap.run();
            segment.close();
        }
    }

    /** Copies {@code lengthBytes} from {@code src[srcIndex..]} to the mapping at {@code offsetBytes}. */
    void copyIn(final long offsetBytes, final ByteBuffer src, final int srcIndex, final int lengthBytes) {
        long offset = offsetBytes;
        int index = srcIndex;
        int remaining = lengthBytes;
        while (remaining > 0) {
            final ByteBuffer window = windows[(int) (offset >>> WINDOW_SHIFT)];
            final int inWindow = (int) (offset & (WINDOW_BYTES - 1));
            final int chunk = Math.min(remaining, window.capacity() - inWindow);
            window.put(inWindow, src, index, chunk);
            offset += chunk;
            index += chunk;
            remaining -= chunk;
        }
    }

    /** Copies {@code lengthBytes} from the mapping at {@code offsetBytes} to {@code dst[dstIndex..]}. */
    void copyOut(final long offsetBytes, final ByteBuffer dst, final int dstIndex, final int lengthBytes) {
        long offset = offsetBytes;
        int index = dstIndex;
        int remaining = lengthBytes;
        while (remaining > 0) {
            final ByteBuffer window = windows[(int) (offset >>> WINDOW_SHIFT)];
            final int inWindow = (int) (offset & (WINDOW_BYTES - 1));
            final int chunk = Math.min(remaining, window.capacity() - inWindow);
            dst.put(index, window, inWindow, chunk);
            offset += chunk;
            index += chunk;
            remaining -= chunk;
        }
    }
}
