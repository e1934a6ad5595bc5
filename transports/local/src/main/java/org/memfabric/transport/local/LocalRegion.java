package org.memfabric.transport.local;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.memfabric.transport.spi.RegisteredRegion;

/**
 * One registered region on the owner side: its memory, key and registration state.
 *
 * <p>Requester threads (any number at once) bracket each copy with {@link #tryBeginAccess()} and
 * {@link #endAccess()}; the thread that deregisters or closes calls {@link #retire()}, which waits for copies in
 * progress and makes later {@code tryBeginAccess} calls fail, so no copy touches the memory once {@code retire}
 * has returned.
 */
final class LocalRegion {
    private final RegisteredRegion handle;
    private final ByteBuffer memory;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean registered = true;

    LocalRegion(final RegisteredRegion handle) {
        this.handle = handle;
        this.memory = handle.memory();
    }

    RegisteredRegion handle() {
        return handle;
    }

    /** The memory, for absolute-index copies only (its position is never used). */
    ByteBuffer memory() {
        return memory;
    }

    long key() {
        return handle.descriptor().key();
    }

    long lengthBytes() {
        return handle.lengthBytes();
    }

    /**
     * Starts a copy unless the region was retired.
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

    /** Waits for copies in progress, then refuses all later ones. */
    void retire() {
        lock.writeLock().lock();
        try {
            registered = false;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
