package org.memfabric.configstore.server;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.memfabric.configstore.wire.FramedLink;

/**
 * The server's view of one client link: its identity, rank, heartbeat state, parked GETs and an outbound queue.
 *
 * <p>Threading: the link's reader thread reads frames; replies are queued and drained either inline by the reader
 * (its own replies) or on the server's push executor (replies caused by other links, so that a client that stops
 * reading cannot stall anyone else). Fields marked "engine lock" are only touched under the engine's lock.
 */
final class ServerLink {
    /** Queued reply bytes above which the link is closed as a slow consumer. */
    static final long MAX_QUEUED_BYTES = 512L * 1024 * 1024;

    final long id;
    final String peer;
    final FramedLink link;
    /** Engine lock: the rank, -1 for none. */
    int rank = -1;
    /** Engine lock: the seqNo of this link's rank-state subscription, or null. */
    Integer rankWatchSeqNo;
    /** Engine lock: the frame type of the rank-state subscription request (pushes reuse it). */
    short rankWatchFrameType;
    /** Engine lock: parked GETs by seqNo. */
    final Map<Integer, Waiter> waiters = new HashMap<>();
    volatile boolean heartbeatSeen;
    volatile long lastHeartbeatNanos;

    private final Executor pushExecutor;
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean closed;
    private final Consumer<ServerLink> onSlowConsumer;

    ServerLink(final long id, final String peer, final FramedLink link, final Executor pushExecutor,
        final Consumer<ServerLink> onSlowConsumer) {
        this.id = id;
        this.peer = peer;
        this.link = link;
        this.pushExecutor = pushExecutor;
        this.onSlowConsumer = onSlowConsumer;
    }

    /**
     * Queues an encoded frame.
     *
     * @param frame the bytes
     * @param inline true when called by this link's reader thread, which then writes itself
     */
    void send(final byte[] frame, final boolean inline) {
        synchronized (this) {
            if (closed) {
                return;
            }
            outbound.add(frame);
            queuedBytes += frame.length;
            if (queuedBytes > MAX_QUEUED_BYTES) {
                closed = true;
                outbound.clear();
                pushExecutor.execute(() -> onSlowConsumer.accept(this));
                return;
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        if (inline) {
            drain();
        } else {
            pushExecutor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            final byte[] next;
            synchronized (this) {
                next = outbound.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                queuedBytes -= next.length;
            }
            try {
                link.write(next);
            } catch (final IOException e) {
                synchronized (this) {
                    closed = true;
                    outbound.clear();
                    draining = false;
                }
                link.close();
                return;
            }
        }
    }

    /** Stops sending and closes the socket (the reader then sees the link end). */
    void close() {
        synchronized (this) {
            closed = true;
            outbound.clear();
        }
        link.close();
    }

    @Override
    public String toString() {
        return "link[id=" + id + ", peer=" + peer + ", rank=" + rank + "]";
    }
}
