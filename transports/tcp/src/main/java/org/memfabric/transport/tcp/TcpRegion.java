package org.memfabric.transport.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.memfabric.transport.spi.RegisteredRegion;

/**
 * One registered region on the owner side: its memory, key and registration state.
 *
 * <p>Server link threads (any number at once) bracket each chunk's socket I/O into or out of the memory with
 * {@link #tryBeginAccess()} and {@link #endAccess()}. The thread that deregisters or closes calls {@link #retire()},
 * which waits for the chunks in progress and makes later {@code tryBeginAccess} calls fail, so no peer request touches
 * the memory once {@code retire} has returned. A chunk in progress is bounded by the owner's operation timeout (the
 * watchdog closes a stalled link), so {@code retire} cannot wait forever on a stalled peer.
 */
final class TcpRegion {
    private final RegisteredRegion handle;
    private final ByteBuffer memory;
    private final long key;
    private final long lengthBytes;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean registered = true;

    TcpRegion(final RegisteredRegion handle) {
        this.handle = handle;
        this.memory = handle.memory();
        this.key = handle.descriptor().key();
        this.lengthBytes = handle.lengthBytes();
    }

    RegisteredRegion handle() {
        return handle;
    }

    long key() {
        return key;
    }

    long lengthBytes() {
        return lengthBytes;
    }

    /**
     * A new view of {@code [offset, offset + lengthBytes)} of the memory, for one chunk on one thread.
     *
     * @param offset the offset in the region, already checked
     * @param length the length, already checked
     * @return the view, position at the first byte, limit after the last
     */
    ByteBuffer view(final long offset, final int length) {
        final ByteBuffer view = memory.duplicate();
        view.limit((int) offset + length).position((int) offset);
        return view;
    }

    /**
     * Starts a chunk's access unless the region was retired.
     *
     * @return true when the caller may touch the memory and must call {@link #endAccess()}
     */
    boolean tryBeginAccess() {
        lock.readLock().lock();
        if (!registered) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    void endAccess() {
        lock.readLock().unlock();
    }

    /** Waits for chunks in progress, then refuses all later ones. */
    void retire() {
        lock.writeLock().lock();
        try {
            registered = false;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
