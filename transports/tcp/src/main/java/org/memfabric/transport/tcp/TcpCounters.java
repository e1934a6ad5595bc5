package org.memfabric.transport.tcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One set of {@link TcpCounter}s: of an endpoint, or of one peer of an endpoint, in which case every update also
 * goes to the endpoint's set. Any thread updates and reads, without locks; values are monotonic.
 */
final class TcpCounters {
    private static final TcpCounter[] ALL = TcpCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);
    private final TcpCounters parent;

    /** The counters of an endpoint. */
    TcpCounters() {
        this(null);
    }

    /** The counters of one peer, adding into {@code parent} too. */
    TcpCounters(final TcpCounters parent) {
        this.parent = parent;
    }

    void increment(final TcpCounter counter) {
        add(counter, 1);
    }

    void add(final TcpCounter counter, final long delta) {
        values.addAndGet(counter.ordinal(), delta);
        if (parent != null) {
            parent.add(counter, delta);
        }
    }

    long get(final TcpCounter counter) {
        return values.get(counter.ordinal());
    }

    /**
     * Puts this set's values into a snapshot.
     *
     * @param into the snapshot
     * @param prefix prepended to every name, e.g. {@code "peer.127.0.0.1:4000."}, or empty
     * @param perPeerOnly whether to put only the counters kept per peer
     */
    void putInto(final Map<String, Long> into, final String prefix, final boolean perPeerOnly) {
        for (final TcpCounter counter : ALL) {
            if (!perPeerOnly || counter.perPeer()) {
                into.put(prefix + counter.counterName(), values.get(counter.ordinal()));
            }
        }
    }
}
