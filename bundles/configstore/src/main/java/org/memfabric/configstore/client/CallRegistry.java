package org.memfabric.configstore.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;

/**
 * The calls of one {@link StoreClient} that await their reply, by sequence number, and the ones queued (in order)
 * while the link is down. Fails calls at their deadline, when the link breaks and when the client closes; every
 * failure names the operation and the key.
 *
 * <p>Threading: any thread. The map is concurrent; the queue and each call's {@code queued} flag are guarded by the
 * client's state lock ({@code lock}), which methods named {@code *Locked} expect to be held. {@link #sweep} runs on
 * the deadline sweeper thread.
 */
final class CallRegistry {
    private final Object lock;
    private final String url;
    private final StoreClientCounters counters;
    private final Map<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    /** Guarded by lock. */
    private final ArrayDeque<PendingCall> unsent = new ArrayDeque<>();

    CallRegistry(final Object lock, final String url, final StoreClientCounters counters) {
        this.lock = lock;
        this.url = url;
        this.counters = counters;
    }

    /**
     * Registers a call; under the lock.
     *
     * @param call the call
     * @param linkDown true to queue it until a link is published
     */
    void addLocked(final PendingCall call, final boolean linkDown) {
        pending.put(call.seqNo, call);
        if (linkDown) {
            call.queued = true;
            unsent.addLast(call);
        }
    }

    /**
     * Takes the queued calls, in order, for sending on a new link; under the lock.
     *
     * @return the calls, empty when none wait
     */
    List<PendingCall> takeQueuedLocked() {
        final List<PendingCall> batch = new ArrayList<>(unsent);
        unsent.clear();
        batch.forEach(call -> call.queued = false);
        return batch;
    }

    /**
     * Registers an internal call whose reply is only swallowed (an UNWATCH), so that it expires like any call.
     *
     * @param call the call
     */
    void addSwallowed(final PendingCall call) {
        pending.put(call.seqNo, call);
    }

    /**
     * Takes the call a reply answers.
     *
     * @param seqNo the reply's sequence number
     * @return the call, or null when none waits for it (any more)
     */
    PendingCall answer(final int seqNo) {
        return pending.remove(seqNo);
    }

    /**
     * Forgets a call that could not be sent.
     *
     * @param call the call
     * @return true when it was still registered (the caller then fails it)
     */
    boolean forget(final PendingCall call) {
        return pending.remove(call.seqNo, call);
    }

    /**
     * Fails the calls that were sent, after the link broke (calls queued for the next link keep waiting).
     *
     * @param reason what happened, without the operation
     * @param cause the link's failure
     */
    void failSent(final String reason, final Throwable cause) {
        for (final PendingCall call : pending.values()) {
            if (!call.queued && pending.remove(call.seqNo, call)) {
                call.fail(new StoreException(ErrorCode.STORE_IO_ERROR, call.key, reason + ", " + call.describe(),
                    cause));
            }
        }
    }

    /**
     * Fails every call, sent or queued, once the client is closed.
     *
     * @param reason what happened to the sent calls, without the operation
     * @param closedError the error of a queued call
     */
    void failAll(final String reason, final Function<PendingCall, StoreException> closedError) {
        failSent(reason, null);
        final List<PendingCall> queued;
        synchronized (lock) {
            queued = takeQueuedLocked();
        }
        for (final PendingCall call : queued) {
            if (pending.remove(call.seqNo, call)) {
                call.fail(closedError.apply(call));
            }
        }
    }

    /**
     * Deadline sweeper thread: fails overdue calls.
     *
     * @param nowNs System.nanoTime now
     * @return the earliest deadline still pending, or {@link PendingCall#NO_DEADLINE}
     */
    long sweep(final long nowNs) {
        long next = PendingCall.NO_DEADLINE;
        for (final PendingCall call : pending.values()) {
            final long due = call.nextDeadlineNs();
            if (due == PendingCall.NO_DEADLINE) {
                continue;
            }
            if (nowNs - due >= 0) {
                expire(call);
            } else if (next == PendingCall.NO_DEADLINE || due - next < 0) {
                next = due;
            }
        }
        return next;
    }

    /**
     * Fails a call whose deadline passed: a queued call because the link stayed down, a sent one as a timeout. A
     * no-op for a call answered meanwhile.
     *
     * @param call the call
     */
    void expire(final PendingCall call) {
        if (call.queued) {
            final boolean dequeued;
            synchronized (lock) {
                dequeued = call.queued && unsent.remove(call);
                call.queued = false;
            }
            if (dequeued && pending.remove(call.seqNo, call)) {
                call.fail(new StoreException(ErrorCode.STORE_IO_ERROR, call.key,
                    "store link down and not re-established in time: " + call.describe() + ", url=" + url, null));
            }
            return;
        }
        if (call.hasDeadline() && pending.remove(call.seqNo, call)) {
            counters.timeouts.incrementAndGet();
            call.fail(new StoreException(ErrorCode.STORE_TIMEOUT, call.key, "store request timed out: "
                + call.describe() + ", url=" + url + ", timeoutMs=" + TimeUnit.NANOSECONDS.toMillis(call.timeoutNs),
                null));
        }
    }

    /**
     * Forgets a call nobody waits for any more (interrupted or cancelled) and cancels its future.
     *
     * @param call the call
     * @return true when the request had been sent and no reply had come yet (a parked GET then needs an UNWATCH)
     */
    boolean abandon(final PendingCall call) {
        final boolean wasQueued;
        synchronized (lock) {
            wasQueued = call.queued && unsent.remove(call);
            call.queued = false;
        }
        final boolean wasPending = pending.remove(call.seqNo, call);
        call.reply.cancel(false);
        return wasPending && !wasQueued;
    }
}
