package org.memfabric.configstore.client;

import java.util.concurrent.CompletableFuture;

import org.memfabric.api.StoreException;
import org.memfabric.configstore.wire.Frame;

/**
 * One request of a {@link StoreClient} from submission to its reply: its sequence number, deadlines and the future
 * the reply completes. The future completes once, on whichever thread gets there first: the link's reader (the
 * reply), the deadline sweeper, a thread that saw the link fail, or the caller.
 */
final class PendingCall {
    /** {@link #deadlineNs} of a call that waits for ever (a GET with a negative timeout). */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final int seqNo;
    final String op;
    final String key;
    final boolean parksOnServer;
    /** When the reply is due (System.nanoTime), or {@link #NO_DEADLINE}. */
    final long deadlineNs;
    /** How long the call waited for its reply at most, for the timeout message. */
    final long timeoutNs;
    /** When a call queued while the link is down gives up waiting for the link (System.nanoTime). */
    final long linkWaitDeadlineNs;
    final CompletableFuture<Frame> reply = new CompletableFuture<>();
    /** Guarded by the client's state lock (read without it by the sweeper): waiting for the link to come back. */
    volatile boolean queued;
    /** The encoded request until it is handed to a link. */
    private byte[] frame;

    /**
     * @param seqNo the request's sequence number
     * @param op the operation's name, for messages
     * @param key the full key, for messages
     * @param parksOnServer true for a GET, which the server may park
     * @param nowNs the submission time
     * @param timeoutNs the wait for the reply; negative waits for ever
     * @param linkWaitNs the longest wait for a link that is down, for a call that waits for ever (others wait up
     *     to their deadline)
     * @param frame the encoded request
     */
    PendingCall(final int seqNo, final String op, final String key, final boolean parksOnServer, final long nowNs,
        final long timeoutNs, final long linkWaitNs, final byte[] frame) {
        this.seqNo = seqNo;
        this.op = op;
        this.key = key;
        this.parksOnServer = parksOnServer;
        this.timeoutNs = timeoutNs;
        this.deadlineNs = timeoutNs < 0 ? NO_DEADLINE : nowNs + timeoutNs;
        this.linkWaitDeadlineNs = nowNs + (timeoutNs < 0 ? linkWaitNs : timeoutNs);
        this.frame = frame;
    }

    /**
     * Takes the encoded request for sending (once).
     *
     * @return the bytes
     */
    synchronized byte[] takeFrame() {
        final byte[] f = frame;
        frame = null;
        return f;
    }

    boolean hasDeadline() {
        return deadlineNs != NO_DEADLINE;
    }

    /**
     * The next moment the sweeper must look at this call.
     *
     * @return System.nanoTime of the earliest deadline that applies now, or {@link #NO_DEADLINE}
     */
    long nextDeadlineNs() {
        if (queued && (!hasDeadline() || linkWaitDeadlineNs - deadlineNs < 0)) {
            return linkWaitDeadlineNs;
        }
        return deadlineNs;
    }

    /**
     * Completes the call with an error (a no-op when it completed already).
     *
     * @param error the error, naming the operation and the key
     */
    void fail(final StoreException error) {
        reply.completeExceptionally(error);
    }

    /**
     * The operation and key as message suffix.
     *
     * @return {@code op=..., key=...}
     */
    String describe() {
        return "op=" + op + ", key=" + key;
    }
}
