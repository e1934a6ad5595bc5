package org.memfabric.configstore.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The server's view of one client link: its identity, rank, heartbeat state, parked GETs, and the {@link LinkWriter}
 * its frames go to.
 *
 * <p>Threading: the link's reader (its selector loop for plaintext, its own thread for TLS) hands requests to the
 * engine; any thread may {@link #send} (the writer never blocks on the peer). Fields marked "engine lock" are only
 * touched under the engine's lock.
 */
final class ServerLink {
    /** Queued reply bytes above which the link is closed as a slow consumer. */
    static final long MAX_QUEUED_BYTES = 512L * 1024 * 1024;

    final long id;
    final String peer;
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
    /** Set once by the admitting thread before the link is published. */
    private volatile LinkWriter writer;

    ServerLink(final long id, final String peer) {
        this.id = id;
        this.peer = peer;
    }

    /** Admitting thread, before the link is handed to the engine or a reader. */
    void attach(final LinkWriter linkWriter) {
        this.writer = linkWriter;
    }

    /**
     * Queues an encoded frame.
     *
     * @param frame the bytes
     * @param fromOwnReader true when called by this link's reader
     */
    void send(final byte[] frame, final boolean fromOwnReader) {
        writer.send(frame, fromOwnReader);
    }

    /** Stops sending and closes the socket (the reader then reports the end of the link). */
    void close() {
        writer.close();
    }

    @Override
    public String toString() {
        return "link[id=" + id + ", peer=" + peer + ", rank=" + rank + "]";
    }
}
