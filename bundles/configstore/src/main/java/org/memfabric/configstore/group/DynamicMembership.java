package org.memfabric.configstore.group;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotStartedException;
import org.memfabric.api.StoreException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;

/**
 * Join, leave and crash handling of a dynamic group, on two store keys:
 *
 * <pre>
 *  DSIZE  decimal text of (version &lt;&lt; 30) | size       the published membership
 *  EVENT  "J&lt;rank&gt;" or "L&lt;rank&gt;" while taking the lock,     the join/leave lock and the event members act on
 *         then "J&lt;rank&gt;@&lt;dsize&gt;" / "L&lt;rank&gt;@&lt;dsize&gt;"
 * </pre>
 *
 * A change runs as a round in which the actor and every member take part, so nobody misses it: after taking the
 * lock the actor reads DSIZE and publishes it in the event; members compute the same next version from it; all of
 * them allgather their rank ids under the new version (the leaver included, then dropped), which fixes the member
 * set; the actor then publishes the new DSIZE and removes EVENT. Unlike the original, the lock wait is bounded by
 * the control timeout, and the event carries the DSIZE it applies to, so a member reading DSIZE late cannot
 * compute a different version. Crashes: every member gets the store's rank-down push, the first to compare-and-swap
 * DSIZE publishes (version+1, size-1), the others adopt it; a crashed lock holder's EVENT is removed.
 */
final class DynamicMembership implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("group");
    private static final String DSIZE = "DSIZE";
    private static final String EVENT = "EVENT";
    private static final long SIZE_MASK = (1L << 30) - 1;
    private static final Duration POLL = Duration.ofMillis(200);

    private final GroupEngine engine;
    private final ConfigStore store;
    private final GroupListener listener;
    private final LinkedBlockingQueue<Integer> rankDowns = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private volatile long version;
    private volatile Set<Integer> members = Set.of();
    private volatile boolean joined;
    private volatile boolean running;
    private Thread eventThread;
    private AutoCloseable rankDownSubscription;
    private String lastEvent = "";

    DynamicMembership(final GroupEngine engine, final ConfigStore store, final GroupListener listener) {
        this.engine = engine;
        this.store = store;
        this.listener = listener;
    }

    long version() {
        return version;
    }

    int size() {
        return members.size();
    }

    Set<Integer> members() {
        return members;
    }

    boolean isJoined() {
        return joined;
    }

    void join() {
        synchronized (lock) {
            if (joined) {
                return;
            }
            final int me = engine.rank();
            if (rankDownSubscription == null) {
                rankDownSubscription = store.watchRankDown(rankDowns::add);
            }
            final Deadline deadline = Deadline.after(engine.controlTimeout());
            final long dsize = lock("J" + me, deadline);
            try {
                final long newVersion = (dsize >>> 30) + 1;
                round(newVersion, (int) (dsize & SIZE_MASK) + 1, me, true);
                store.add(DSIZE, (1L << 30) + 1);
            } finally {
                unlock();
            }
            joined = true;
            startEvents();
        }
    }

    void leave() {
        synchronized (lock) {
            if (!joined) {
                throw new NotStartedException("group leave before join: rank=" + engine.rank());
            }
            final int me = engine.rank();
            final Deadline deadline = Deadline.after(engine.controlTimeout());
            // the event thread keeps taking part in other ranks' rounds while this rank waits for the lock (several
            // ranks leaving at once would otherwise wait for each other); once the lock is ours, the only event is
            // our own, which the thread skips, so it can stop
            final long dsize = lock("L" + me, deadline);
            stopEvents();
            try {
                final long newVersion = (dsize >>> 30) + 1;
                round(newVersion, (int) (dsize & SIZE_MASK), me, false);
                store.add(DSIZE, (1L << 30) - 1);
            } finally {
                unlock();
                joined = false;
                members = Set.of();
            }
        }
    }

    /** Takes the EVENT lock and publishes the DSIZE the change applies to; returns that DSIZE. */
    private long lock(final String mine, final Deadline deadline) {
        final byte[] claim = ascii(mine);
        while (true) {
            final CasResult r = store.cas(EVENT, new byte[0], claim);
            if (r.swapped()) {
                break;
            }
            final String holder = new String(r.previous(), StandardCharsets.ISO_8859_1);
            if (deadline.passed()) {
                throw deadline.timeout("group join/leave lock is held by another rank: key=" + store.completeKey(EVENT)
                    + ", holder=" + holder + ", me=" + mine);
            }
            handleQueuedRankDowns();
            sleep(20);
        }
        // a member lost just before the lock was taken must leave DSIZE first: otherwise this round would count it
        // and every participant would wait for its contribution until the control timeout
        final long dsize;
        engine.collectiveLock().lock();
        try {
            handleQueuedRankDowns();
            dsize = store.add(DSIZE, 0);
        } finally {
            engine.collectiveLock().unlock();
        }
        final CasResult published = store.cas(EVENT, claim, ascii(mine + "@" + dsize));
        if (!published.swapped()) {
            throw new MemFabricException(ErrorCode.SM_ERROR, "group lock was taken away while held: key="
                + store.completeKey(EVENT) + ", me=" + mine + ", now=" + new String(published.previous(),
                    StandardCharsets.ISO_8859_1));
        }
        return dsize;
    }

    private void unlock() {
        try {
            store.remove(EVENT);
        } catch (final MemFabricException e) {
            LOG.error("group lock release failed: key=" + store.completeKey(EVENT), e);
        }
    }

    /**
     * One membership round under a new version: every participant allgathers its rank; the result is the member
     * set (minus the leaver for a leave).
     */
    private void round(final long newVersion, final int participants, final int actor, final boolean isJoin) {
        engine.collectiveLock().lock();
        try {
            engine.newVersion(newVersion);
            version = newVersion;
            final byte[] all = engine.collectives().allGather(engine.rank(), participants,
                GroupEngine.rankBytes(engine.rank()), engine.controlTimeout());
            final TreeSet<Integer> now = new TreeSet<>();
            final ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                now.add(b.getInt());
            }
            if (!isJoin) {
                now.remove(actor);
            }
            members = Collections.unmodifiableSet(now);
            if (isJoin) {
                listener.onJoin(engine, actor);
            } else {
                listener.onLeave(engine, actor);
            }
        } finally {
            engine.collectiveLock().unlock();
        }
    }

    private void startEvents() {
        running = true;
        eventThread = new Thread(this::eventLoop, "memfabric-group-events-" + engine.rank());
        eventThread.setDaemon(true);
        eventThread.start();
    }

    private void stopEvents() {
        running = false;
        final Thread t = eventThread;
        eventThread = null;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(POLL.toMillis() * 10);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void eventLoop() {
        int failures = 0;
        while (running) {
            try {
                handleQueuedRankDowns();
                final byte[] raw;
                try {
                    raw = store.get(EVENT, POLL);
                } catch (final StoreException e) {
                    if (e.errorCode() == ErrorCode.STORE_TIMEOUT) {
                        continue;
                    }
                    throw e;
                }
                final String event = new String(raw, StandardCharsets.ISO_8859_1);
                if (event.isEmpty()) {
                    sleep(POLL.toMillis()); // a released lock of a lost rank: no event until someone locks again
                    continue;
                }
                final int at = event.indexOf('@');
                if (at < 0 || event.equals(lastEvent)) {
                    sleep(5);
                    continue;
                }
                lastEvent = event;
                final int actor = Integer.parseInt(event.substring(1, at));
                if (actor == engine.rank()) {
                    continue;
                }
                final long dsize = Long.parseLong(event.substring(at + 1));
                final long newVersion = (dsize >>> 30) + 1;
                final int size = (int) (dsize & SIZE_MASK);
                if (event.charAt(0) == 'J') {
                    round(newVersion, size + 1, actor, true);
                } else {
                    round(newVersion, size, actor, false);
                }
                failures = 0;
            } catch (final MemFabricException | NumberFormatException e) {
                if (running) {
                    failures++;
                    if (failures == 1 || failures % 20 == 0) {
                        LOG.error("group event handling failed: rank=" + engine.rank() + ", lastEvent=" + lastEvent
                            + ", consecutiveFailures=" + failures, e);
                    }
                    sleep(Math.min(2000, 50L << Math.min(failures, 6)));
                }
            }
        }
    }

    private void handleQueuedRankDowns() {
        Integer down;
        while ((down = rankDowns.poll()) != null) {
            rankDown(down);
        }
    }

    private void rankDown(final int down) {
        if (!joined || !members.contains(down)) {
            // a non-member's lock must still not block the group
            releaseLockOf(down);
            return;
        }
        releaseLockOf(down);
        engine.collectiveLock().lock();
        try {
            final long expected = (version << 30) | members.size();
            final long next = ((version + 1) << 30) | (members.size() - 1);
            final CasResult r = store.cas(DSIZE, ascii(Long.toString(expected)), ascii(Long.toString(next)));
            if (!r.swapped()) {
                LOG.info("group size already updated for a lost rank: rank=" + down + ", dsize="
                    + new String(r.previous(), StandardCharsets.ISO_8859_1));
            }
            engine.newVersion(version + 1);
            version = version + 1;
            final TreeSet<Integer> now = new TreeSet<>(members);
            now.remove(down);
            members = Collections.unmodifiableSet(now);
        } finally {
            engine.collectiveLock().unlock();
        }
        LOG.warn("group member lost: rank=" + down + ", version=" + version + ", size=" + members.size());
        listener.onRankDown(engine, down);
    }

    private void releaseLockOf(final int down) {
        final java.util.Optional<byte[]> holder = store.tryGet(EVENT);
        if (holder.isEmpty() || holder.get().length == 0) {
            return;
        }
        final String h = new String(holder.get(), StandardCharsets.ISO_8859_1);
        final String base = h.indexOf('@') < 0 ? h : h.substring(0, h.indexOf('@'));
        // Released by compare-and-swap to the empty value (which the lock's CAS accepts like an absent key): a
        // plain remove could delete a lock another rank takes in between.
        if ((base.equals("J" + down) || base.equals("L" + down))
            && store.cas(EVENT, holder.get(), new byte[0]).swapped()) {
            LOG.warn("group lock of a lost rank released: key=" + store.completeKey(EVENT) + ", holder=" + h);
        }
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            stopEvents();
            if (rankDownSubscription != null) {
                try {
                    rankDownSubscription.close();
                } catch (final Exception ignored) {
                    // the store may be gone
                }
            }
        }
    }
}
