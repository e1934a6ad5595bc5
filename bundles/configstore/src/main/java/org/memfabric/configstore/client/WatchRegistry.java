package org.memfabric.configstore.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.RankDownListener;
import org.memfabric.api.store.WatchListener;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.MessageType;
import org.memfabric.configstore.wire.StoreMessage;

/**
 * The watches and the rank-down subscription of one {@link StoreClient}: registered until they fire or are cancelled,
 * re-sent after every reconnect, and fired on the client's callback thread.
 *
 * <p>Threading: {@link #dispatch} runs on the link's reading thread; registration and cancellation on any thread
 * (the maps are concurrent; the subscription's sequence number is set once under this object's lock); listeners run
 * on the callback executor, in order.
 */
final class WatchRegistry {
    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final List<RankDownListener> rankListeners = new CopyOnWriteArrayList<>();
    private final Executor callbacks;
    private final StoreClientCounters counters;
    private final FabricLogger log;
    /** Written once under this; the seqNo of the rank-state subscription, or null. */
    private volatile Integer rankWatchSeqNo;

    WatchRegistry(final Executor callbacks, final StoreClientCounters counters, final FabricLogger log) {
        this.callbacks = callbacks;
        this.counters = counters;
        this.log = log;
    }

    void add(final int seq, final byte[] keyBytes, final String fullKey, final String shownKey,
        final WatchListener listener) {
        watches.put(seq, new Watch(seq, keyBytes, fullKey, shownKey, listener));
    }

    void send(final ClientLink link, final int seq) {
        final Watch w = watches.get(seq);
        if (w == null) {
            return;
        }
        try {
            link.send(w.request());
        } catch (final IOException e) {
            // re-sent after the reconnect
        }
    }

    boolean remove(final long watchId) {
        return watchId >= 0 && watchId <= 0xFFFF_FFFFL && watches.remove((int) watchId) != null;
    }

    int size() {
        return watches.size();
    }

    /**
     * Adds a rank-down listener.
     *
     * @param listener the listener
     * @return true when this created the subscription, which the caller then sends
     */
    synchronized boolean addRankListener(final RankDownListener listener) {
        rankListeners.add(listener);
        if (rankWatchSeqNo != null) {
            return false;
        }
        rankWatchSeqNo = StoreClient.nextSeq();
        return true;
    }

    void removeRankListener(final RankDownListener listener) {
        rankListeners.remove(listener);
    }

    void sendRankSubscription(final ClientLink link) {
        final Integer seq = rankWatchSeqNo;
        if (seq == null) {
            return;
        }
        try {
            link.send(StoreClient.rankStateRequest(seq));
        } catch (final IOException e) {
            // re-sent after the reconnect
        }
    }

    /**
     * A snapshot of what must be re-sent on a new link, taken when the link becomes current.
     *
     * @return the watches and the subscription to re-send
     */
    Renewal snapshot() {
        return new Renewal(new ArrayList<>(watches.values()), rankWatchSeqNo);
    }

    /** What a new link must carry again: the watches and the rank-state subscription of the old one. */
    static final class Renewal {
        private final List<Watch> toRenew;
        private final Integer rankSeq;

        Renewal(final List<Watch> toRenew, final Integer rankSeq) {
            this.toRenew = toRenew;
            this.rankSeq = rankSeq;
        }

        int size() {
            return toRenew.size();
        }

        void sendOn(final ClientLink link) throws IOException {
            for (final Watch w : toRenew) {
                link.send(w.request());
            }
            if (rankSeq != null) {
                link.send(StoreClient.rankStateRequest(rankSeq));
            }
        }
    }

    /**
     * Handles a frame that answers no call: a watch firing or a rank-down push; anything else is dropped.
     *
     * @param frame the frame
     */
    void dispatch(final Frame frame) {
        final int seqNo = frame.header().seqNo();
        final Watch watch = watches.remove(seqNo);
        if (watch != null) {
            short result = frame.header().result();
            byte[] value = new byte[0];
            if (result == 0) {
                try {
                    value = Replies.valueOf(frame, watch.fullKey);
                } catch (final StoreException e) {
                    log.warn("store watch reply is malformed: key=" + watch.fullKey + ", reason=" + e.getMessage());
                    result = (short) ErrorCode.STORE_INVALID_MESSAGE.code();
                }
            }
            final short code = result;
            final byte[] delivered = value;
            callback(() -> watch.fire(code, delivered));
            return;
        }
        final Integer rankSeq = rankWatchSeqNo;
        if (rankSeq != null && rankSeq == seqNo && frame.header().result() == 0) {
            final byte[] value;
            try {
                value = Replies.valueOf(frame, "WATCH_RANK_DOWN_KEY");
            } catch (final StoreException e) {
                log.warn("store rank-down push is malformed, ignored: reason=" + e.getMessage());
                return;
            }
            if (value.length == Integer.BYTES) {
                final int down = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
                counters.rankDowns.incrementAndGet();
                for (final RankDownListener l : rankListeners) {
                    callback(() -> l.onRankDown(down));
                }
            }
        }
    }

    /** The client gave up: every watch fires once with {@code STORE_IO_ERROR}. */
    void failAll() {
        for (final Watch w : watches.values()) {
            callback(() -> w.fire((short) ErrorCode.STORE_IO_ERROR.code(), new byte[0]));
        }
        watches.clear();
    }

    /** The application closed the client: watches are dropped without firing. */
    void clear() {
        watches.clear();
    }

    private void callback(final Runnable r) {
        try {
            callbacks.execute(r);
        } catch (final RejectedExecutionException e) {
            // the client is closed; nobody listens any more
        }
    }

    /** A registered watch: re-sent after reconnects until it fires or is cancelled. */
    private final class Watch {
        final int seqNo;
        final byte[] keyBytes;
        final String fullKey;
        final String shownKey;
        final WatchListener listener;

        Watch(final int seqNo, final byte[] keyBytes, final String fullKey, final String shownKey,
            final WatchListener listener) {
            this.seqNo = seqNo;
            this.keyBytes = keyBytes;
            this.fullKey = fullKey;
            this.shownKey = shownKey;
            this.listener = listener;
        }

        byte[] request() {
            return Frame.encode((short) 0, (short) 0, seqNo,
                new StoreMessage(MessageType.GET, -1, List.of(keyBytes), List.of()).encode());
        }

        void fire(final short result, final byte[] value) {
            try {
                listener.onWatch(result, shownKey, value);
            } catch (final RuntimeException e) {
                log.error("store watch listener failed: key=" + fullKey, e);
            }
        }
    }
}
