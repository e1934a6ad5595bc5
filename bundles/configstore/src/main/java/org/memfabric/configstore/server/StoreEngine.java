package org.memfabric.configstore.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.LastRankPolicy;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.FrameHeader;
import org.memfabric.configstore.wire.Handshake;
import org.memfabric.configstore.wire.MessageType;
import org.memfabric.configstore.wire.StoreMessage;
import org.memfabric.configstore.wire.WireFormatException;
import org.memfabric.configstore.wire.WireLimits;

/**
 * The server's state machine: the key-value map, parked GETs, ranks and rank-down subscribers. Every operation runs
 * under one lock (as in the original) and produces the frames to send, which are sent after the lock is released.
 *
 * <p>Keys are kept as ISO-8859-1 strings, a lossless one-char-per-byte view of the wire bytes.
 */
final class StoreEngine {
    /** Prefix of the auto-ranking request key. */
    static final String AUTO_RANKING_PREFIX = "AutoRanking#";
    /** The key of a rank-state subscription. */
    static final String WATCH_RANK_DOWN_KEY = "WATCH_RANK_DOWN_KEY";
    private static final int MAX_WORLD = 1024;
    /** A WRITE may address at most this many records of its own length (the original's rule). */
    private static final long MAX_WRITE_SLOTS = 65535;
    private static final FabricLogger LOG = FabricLogger.of("store-server");

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, byte[]> data = new HashMap<>();
    private final Map<String, LinkedHashSet<Waiter>> waiting = new HashMap<>();
    private final Map<Integer, ServerLink> ranks = new TreeMap<>();
    private final Set<ServerLink> rankWatchers = new LinkedHashSet<>();
    private final ScheduledExecutorService timer;
    private final StoreServerCounters counters;
    private final LastRankPolicy lastRankPolicy;
    private int worldSize;
    private int nextAutoRank;

    /** One frame to send to one link. */
    static final class Outbound {
        final ServerLink link;
        final byte[] frame;

        Outbound(final ServerLink link, final byte[] frame) {
            this.link = link;
            this.frame = frame;
        }
    }

    StoreEngine(final int worldSize, final LastRankPolicy lastRankPolicy, final ScheduledExecutorService timer,
        final StoreServerCounters counters) {
        this.worldSize = worldSize;
        this.lastRankPolicy = lastRankPolicy;
        this.timer = timer;
        this.counters = counters;
    }

    /**
     * Admits a link after its handshake: records its rank and, if unknown so far, the world size.
     *
     * @param link the link
     * @param handshake its handshake
     */
    void linkOpened(final ServerLink link, final Handshake handshake) {
        lock.lock();
        try {
            if (worldSize == 0 && handshake.worldSize() > 0 && handshake.worldSize() <= MAX_WORLD) {
                worldSize = (int) handshake.worldSize();
            }
            if (handshake.rank() >= 0) {
                link.rank = handshake.rank();
                final ServerLink previous = ranks.put(link.rank, link);
                if (previous != null && previous != link) {
                    LOG.info("rank reconnected on a new link: rank=" + link.rank + ", old=" + previous + ", new=" + link);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles one request frame.
     *
     * @param link the link it came from
     * @param frame the frame
     * @return frames to send
     */
    List<Outbound> handle(final ServerLink link, final Frame frame) {
        counters.requests.incrementAndGet();
        final FrameHeader header = frame.header();
        final StoreMessage message;
        try {
            message = StoreMessage.decode(frame.body());
        } catch (final WireFormatException e) {
            counters.invalidMessages.incrementAndGet();
            LOG.warn("invalid store message: " + link + ", reason=" + e.getMessage());
            return List.of(text(link, header, ErrorCode.STORE_INVALID_MESSAGE, e.getMessage()));
        }
        final List<Outbound> out = new ArrayList<>(2);
        lock.lock();
        try {
            dispatch(link, header, message, out);
        } finally {
            lock.unlock();
        }
        return out;
    }

    private void dispatch(final ServerLink link, final FrameHeader h, final StoreMessage m, final List<Outbound> out) {
        switch (m.type()) {
            case HEARTBEAT:
                link.lastHeartbeatNanos = System.nanoTime();
                link.heartbeatSeen = true;
                return;
            case INVALID:
                invalid(link, h, out, "store message type is INVALID: type=9");
                return;
            case UNWATCH:
                unwatch(link, h, m, out);
                return;
            default:
                break;
        }
        if (m.keys().size() != 1) {
            invalid(link, h, out, "store message needs exactly one key: type=" + m.type() + ", keys=" + m.keys().size());
            return;
        }
        final byte[] keyBytes = m.keys().get(0);
        if (keyBytes.length == 0 || keyBytes.length > WireLimits.MAX_KEY_BYTES) {
            counters.invalidMessages.incrementAndGet();
            out.add(text(link, h, ErrorCode.STORE_INVALID_KEY,
                "invalid key: length=" + keyBytes.length + ", max=" + WireLimits.MAX_KEY_BYTES));
            return;
        }
        final String key = new String(keyBytes, StandardCharsets.ISO_8859_1);
        switch (m.type()) {
            case SET:
                if (needValues(link, h, m, 1, out)) {
                    put(key, m.values().get(0), out);
                    out.add(text(link, h, ErrorCode.SM_OK, "success"));
                }
                return;
            case GET:
                get(link, h, m, key, out);
                return;
            case ADD:
                if (needValues(link, h, m, 1, out)) {
                    add(link, h, key, m.values().get(0), out);
                }
                return;
            case REMOVE:
                out.add(data.remove(key) != null ? text(link, h, ErrorCode.SM_OK, "success")
                    : text(link, h, ErrorCode.STORE_NOT_EXIST, "not exist"));
                return;
            case APPEND:
                if (needValues(link, h, m, 1, out)) {
                    append(link, h, key, m.values().get(0), out);
                }
                return;
            case CAS:
                if (needValues(link, h, m, 2, out)) {
                    cas(link, h, key, m.values().get(0), m.values().get(1), out);
                }
                return;
            case WRITE:
                if (needValues(link, h, m, 1, out)) {
                    write(link, h, key, m.values().get(0), out);
                }
                return;
            case WATCH_RANK_STATE:
                watchRankState(link, h, key, out);
                return;
            default:
                invalid(link, h, out, "store message type not handled: type=" + m.type());
        }
    }

    private boolean needValues(final ServerLink link, final FrameHeader h, final StoreMessage m, final int count,
        final List<Outbound> out) {
        if (m.values().size() == count) {
            return true;
        }
        invalid(link, h, out,
            "store message has the wrong number of values: type=" + m.type() + ", values=" + m.values().size()
                + ", expected=" + count);
        return false;
    }

    private void invalid(final ServerLink link, final FrameHeader h, final List<Outbound> out, final String why) {
        counters.invalidMessages.incrementAndGet();
        out.add(text(link, h, ErrorCode.STORE_INVALID_MESSAGE, why));
    }

    private void put(final String key, final byte[] value, final List<Outbound> out) {
        final byte[] previous = data.put(key, value);
        if (previous == null) {
            wake(key, value, out);
        }
    }

    private void wake(final String key, final byte[] value, final List<Outbound> out) {
        final LinkedHashSet<Waiter> parked = waiting.remove(key);
        if (parked == null) {
            return;
        }
        final byte[] body = StoreMessage.reply(MessageType.GET, value).encode();
        for (final Waiter w : parked) {
            w.link.waiters.remove(w.seqNo);
            if (w.deadline != null) {
                w.deadline.cancel(false);
            }
            out.add(new Outbound(w.link, Frame.encode(w.frameType, (short) 0, w.seqNo, body)));
        }
    }

    private void get(final ServerLink link, final FrameHeader h, final StoreMessage m, final String key,
        final List<Outbound> out) {
        if (key.startsWith(AUTO_RANKING_PREFIX)) {
            autoRank(link, h, out);
            return;
        }
        final byte[] value = data.get(key);
        if (value != null) {
            out.add(packed(link, h, MessageType.GET, value));
            return;
        }
        final long timeoutMs = m.userDef();
        if (timeoutMs == 0) {
            out.add(text(link, h, ErrorCode.STORE_NOT_EXIST, "<not exist>"));
            return;
        }
        final Waiter w = new Waiter(link, h.type(), h.seqNo(), key);
        final Waiter replaced = link.waiters.put(h.seqNo(), w);
        if (replaced != null) {
            unpark(replaced);
        }
        waiting.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(w);
        counters.parkedGets.incrementAndGet();
        if (timeoutMs > 0) {
            w.deadline = timer.schedule(() -> expire(w), timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private void expire(final Waiter w) {
        lock.lock();
        try {
            if (w.link.waiters.get(w.seqNo) != w) {
                return;
            }
            unpark(w);
        } finally {
            lock.unlock();
        }
        counters.getTimeouts.incrementAndGet();
        final byte[] body = "<timeout>".getBytes(StandardCharsets.UTF_8);
        w.link.send(Frame.encode(w.frameType, (short) ErrorCode.STORE_TIMEOUT.code(), w.seqNo, body), false);
    }

    private void unpark(final Waiter w) {
        w.link.waiters.remove(w.seqNo, w);
        final LinkedHashSet<Waiter> parked = waiting.get(w.key);
        if (parked != null) {
            parked.remove(w);
            if (parked.isEmpty()) {
                waiting.remove(w.key);
            }
        }
        if (w.deadline != null) {
            w.deadline.cancel(false);
        }
    }

    private void unwatch(final ServerLink link, final FrameHeader h, final StoreMessage m, final List<Outbound> out) {
        final long seqNo = m.userDef();
        final Waiter w = seqNo < 0 || seqNo > 0xFFFF_FFFFL ? null : link.waiters.get((int) seqNo);
        if (w == null) {
            out.add(text(link, h, ErrorCode.STORE_NOT_EXIST, "no parked get: seqNo=" + m.userDef()));
            return;
        }
        unpark(w);
        out.add(text(link, h, ErrorCode.SM_OK, "success"));
    }

    private void add(final ServerLink link, final FrameHeader h, final String key, final byte[] value,
        final List<Outbound> out) {
        final String text = new String(value, StandardCharsets.ISO_8859_1);
        final long increment;
        try {
            increment = Long.parseLong(text);
        } catch (final NumberFormatException e) {
            invalid(link, h, out, "add increment is not a decimal integer: key=" + key + ", increment=" + clip(text));
            return;
        }
        if (!Long.toString(increment).equals(text)) {
            invalid(link, h, out, "add increment is not in canonical decimal form: key=" + key + ", increment=" + text);
            return;
        }
        final byte[] current = data.get(key);
        long result = increment;
        if (current != null) {
            final String stored = new String(current, StandardCharsets.ISO_8859_1);
            try {
                result = Math.addExact(Long.parseLong(stored), increment);
            } catch (final NumberFormatException e) {
                invalid(link, h, out, "add target is not a decimal integer: key=" + key + ", value=" + clip(stored));
                return;
            } catch (final ArithmeticException e) {
                invalid(link, h, out, "add overflows 64 bits: key=" + key + ", value=" + stored + ", increment="
                    + increment);
                return;
            }
        }
        final byte[] resultBytes = Long.toString(result).getBytes(StandardCharsets.ISO_8859_1);
        put(key, resultBytes, out);
        out.add(raw(link, h, ErrorCode.SM_OK, resultBytes));
    }

    private void append(final ServerLink link, final FrameHeader h, final String key, final byte[] value,
        final List<Outbound> out) {
        final byte[] current = data.get(key);
        final long length = (current == null ? 0L : current.length) + value.length;
        if (length > WireLimits.MAX_VALUE_BYTES) {
            invalid(link, h, out, "append would exceed the value limit: key=" + key + ", length=" + length + ", max="
                + WireLimits.MAX_VALUE_BYTES);
            return;
        }
        if (current == null) {
            put(key, value, out);
        } else {
            final byte[] joined = Arrays.copyOf(current, (int) length);
            System.arraycopy(value, 0, joined, current.length, value.length);
            data.put(key, joined);
        }
        out.add(raw(link, h, ErrorCode.SM_OK, Long.toString(length).getBytes(StandardCharsets.ISO_8859_1)));
    }

    private void cas(final ServerLink link, final FrameHeader h, final String key, final byte[] expected,
        final byte[] replacement, final List<Outbound> out) {
        final byte[] current = data.get(key);
        if (current == null) {
            if (expected.length == 0) {
                put(key, replacement, out);
            }
            out.add(packed(link, h, MessageType.CAS, new byte[0]));
            return;
        }
        if (Arrays.equals(current, expected)) {
            data.put(key, replacement);
        }
        out.add(packed(link, h, MessageType.CAS, current));
    }

    private void write(final ServerLink link, final FrameHeader h, final String key, final byte[] value,
        final List<Outbound> out) {
        if (value.length < Integer.BYTES) {
            invalid(link, h, out, "write value lacks its 4-byte offset: key=" + key + ", length=" + value.length);
            return;
        }
        final long offset = Integer.toUnsignedLong(ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt());
        final int dataLength = value.length - Integer.BYTES;
        if (offset > MAX_WRITE_SLOTS * dataLength) {
            invalid(link, h, out, "write offset too far for its data (offset <= 65535 x length): key=" + key
                + ", offset=" + offset + ", length=" + dataLength);
            return;
        }
        final byte[] current = data.get(key);
        final long end = offset + dataLength;
        final long length = Math.max(end, current == null ? 0 : current.length);
        if (length > WireLimits.MAX_VALUE_BYTES) {
            invalid(link, h, out, "write would exceed the value limit: key=" + key + ", offset=" + offset + ", length="
                + dataLength + ", max=" + WireLimits.MAX_VALUE_BYTES);
            return;
        }
        final byte[] target = current != null && current.length >= end ? current
            : current == null ? new byte[(int) length] : Arrays.copyOf(current, (int) length);
        System.arraycopy(value, Integer.BYTES, target, (int) offset, dataLength);
        if (current == null) {
            put(key, target, out);
        } else {
            data.put(key, target);
        }
        out.add(text(link, h, ErrorCode.SM_OK, "success"));
    }

    private void watchRankState(final ServerLink link, final FrameHeader h, final String key,
        final List<Outbound> out) {
        if (!WATCH_RANK_DOWN_KEY.equals(key)) {
            invalid(link, h, out, "rank-state watch needs key " + WATCH_RANK_DOWN_KEY + ": key=" + clip(key));
            return;
        }
        if (link.rankWatchSeqNo != null) {
            invalid(link, h, out, "rank-state watch already registered on this link: seqNo="
                + Integer.toUnsignedString(link.rankWatchSeqNo));
            return;
        }
        link.rankWatchSeqNo = h.seqNo();
        link.rankWatchFrameType = h.type();
        rankWatchers.add(link);
    }

    private void autoRank(final ServerLink link, final FrameHeader h, final List<Outbound> out) {
        if (link.rank >= 0) {
            out.add(packed(link, h, MessageType.GET, rankBytes(link.rank)));
            return;
        }
        final int world = worldSize == 0 ? MAX_WORLD : worldSize;
        if (ranks.size() >= world) {
            out.add(text(link, h, ErrorCode.SM_ERROR,
                "rank size bigger than world size: ranks=" + ranks.size() + ", worldSize=" + world));
            return;
        }
        int candidate = nextAutoRank % world;
        while (ranks.containsKey(candidate)) {
            candidate = (candidate + 1) % world;
        }
        nextAutoRank = candidate + 1;
        link.rank = candidate;
        ranks.put(candidate, link);
        out.add(packed(link, h, MessageType.GET, rankBytes(candidate)));
    }

    private static byte[] rankBytes(final int rank) {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(rank).array();
    }

    /**
     * Forgets a link: drops its parked GETs and subscription, reports its rank down (unless a newer link carries the
     * same rank) and applies the last-rank policy.
     *
     * @param link the link that ended
     * @return frames to send (rank-down pushes)
     */
    List<Outbound> linkClosed(final ServerLink link) {
        final List<Outbound> out = new ArrayList<>();
        lock.lock();
        try {
            for (final Waiter w : new ArrayList<>(link.waiters.values())) {
                unpark(w);
            }
            rankWatchers.remove(link);
            if (link.rank >= 0 && ranks.get(link.rank) == link) {
                ranks.remove(link.rank);
                counters.rankDowns.incrementAndGet();
                final byte[] body = StoreMessage.reply(MessageType.WATCH_RANK_STATE, rankBytes(link.rank)).encode();
                for (final ServerLink watcher : rankWatchers) {
                    out.add(new Outbound(watcher,
                        Frame.encode(watcher.rankWatchFrameType, (short) 0, watcher.rankWatchSeqNo, body)));
                }
                LOG.info("rank down: rank=" + link.rank + ", " + link + ", notified=" + rankWatchers.size());
                if (ranks.isEmpty()) {
                    lastRankLeft();
                }
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    private void lastRankLeft() {
        if (lastRankPolicy == LastRankPolicy.WIPE) {
            counters.wipes.incrementAndGet();
            LOG.info("last rank left, wiping the store (policy WIPE): keys=" + data.size());
            data.clear();
        } else {
            LOG.info("last rank left, keeping the data (policy KEEP): keys=" + data.size());
        }
    }

    /**
     * A snapshot of the keys for tooling and tests.
     *
     * @return key (ISO-8859-1) to value length
     */
    Map<String, Integer> keySizes() {
        lock.lock();
        try {
            final Map<String, Integer> m = new LinkedHashMap<>();
            data.forEach((k, v) -> m.put(k, v.length));
            return m;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Alive ranks.
     *
     * @return ranks in order
     */
    List<Integer> aliveRanks() {
        lock.lock();
        try {
            return new ArrayList<>(ranks.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Number of GETs parked.
     *
     * @return the count
     */
    int parkedCount() {
        lock.lock();
        try {
            int n = 0;
            for (final Iterator<LinkedHashSet<Waiter>> it = waiting.values().iterator(); it.hasNext();) {
                n += it.next().size();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The world size (0 while unknown).
     *
     * @return the world size
     */
    int worldSize() {
        lock.lock();
        try {
            return worldSize;
        } finally {
            lock.unlock();
        }
    }

    private static String clip(final String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static Outbound text(final ServerLink link, final FrameHeader h, final ErrorCode code, final String text) {
        return raw(link, h, code, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Outbound raw(final ServerLink link, final FrameHeader h, final ErrorCode code, final byte[] body) {
        return new Outbound(link, Frame.encode(h.type(), (short) code.code(), h.seqNo(), body));
    }

    private static Outbound packed(final ServerLink link, final FrameHeader h, final MessageType type,
        final byte[] value) {
        return raw(link, h, ErrorCode.SM_OK, StoreMessage.reply(type, value).encode());
    }
}
