package org.memfabric.transport.tcp;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The links of one peer connection: at most {@code maxLinks}, opened on demand and kept open between operations, each
 * used by one operation at a time.
 *
 * <p>Any thread acquires a link, uses it alone, and releases it; the most recently released idle link is handed out
 * first (it is the warmest). When every link is busy, {@link #acquire(long)} waits up to its timeout for one. When a
 * link breaks, the idle ones are dropped as well (they lead to the same, probably lost, peer): the next operation
 * opens a fresh link, which is how a connection reconnects to a restarted peer. {@link #close()}, from any thread,
 * closes every link, busy ones included, so operations in flight fail promptly.
 */
final class TcpLinkPool implements AutoCloseable {
    /** Opens a new link within a timeout. */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens a link.
         *
         * @param timeoutNs the bound
         * @return the link
         * @throws IOException when the peer cannot be reached
         */
        TcpLink open(long timeoutNs) throws IOException;
    }

    private final Semaphore permits;
    private final Deque<TcpLink> idle = new ConcurrentLinkedDeque<>();
    private final Set<TcpLink> all = ConcurrentHashMap.newKeySet();
    private final Opener opener;
    private volatile boolean closed;

    TcpLinkPool(final int maxLinks, final Opener opener) {
        this.permits = new Semaphore(maxLinks);
        this.opener = opener;
    }

    /**
     * Takes an idle link or opens one.
     *
     * @param timeoutNs how long to wait for a free slot and to open a link
     * @return a link for the caller's exclusive use until {@link #release}
     * @throws ClosedChannelException when the pool is closed
     * @throws TcpPoolExhaustedException when every link stayed busy for the whole timeout
     * @throws IOException when a new link cannot be opened
     * @throws InterruptedException when interrupted while waiting
     */
    TcpLink acquire(final long timeoutNs) throws IOException, InterruptedException {
        final long startNs = System.nanoTime();
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!permits.tryAcquire() && !permits.tryAcquire(timeoutNs, TimeUnit.NANOSECONDS)) {
            throw new TcpPoolExhaustedException();
        }
        try {
            for (TcpLink link = idle.pollFirst(); link != null; link = idle.pollFirst()) {
                if (link.isOpen()) {
                    return link;
                }
                discard(link);
            }
            final TcpLink link = opener.open(Math.max(1, timeoutNs - (System.nanoTime() - startNs)));
            all.add(link);
            if (closed) {
                discard(link);
                throw new ClosedChannelException();
            }
            return link;
        } catch (final IOException | RuntimeException failure) {
            permits.release();
            throw failure;
        }
    }

    /**
     * Gives a link back.
     *
     * @param link the link from {@link #acquire(long)}
     * @param reusable false when the link broke or is out of step; it is then closed
     */
    void release(final TcpLink link, final boolean reusable) {
        if (reusable && !closed && link.isOpen()) {
            idle.offerFirst(link);
        } else {
            discard(link);
        }
        permits.release();
        if (closed) {
            discard(link);
        }
    }

    /** Closes every idle link: after one link broke, the others to that peer are likely broken too. */
    void dropIdle() {
        for (TcpLink link = idle.pollFirst(); link != null; link = idle.pollFirst()) {
            discard(link);
        }
    }

    /** Closes every link, busy or idle; later acquisitions fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        idle.clear();
        for (final TcpLink link : all) {
            discard(link);
        }
    }

    private void discard(final TcpLink link) {
        all.remove(link);
        link.close();
    }

    /** Every link of the pool stayed busy for the whole timeout. */
    static final class TcpPoolExhaustedException extends IOException {
        private static final long serialVersionUID = 1L;

        TcpPoolExhaustedException() {
            super("every link to the peer stayed busy for the whole operation timeout");
        }
    }
}
