package org.memfabric.configstore.group;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotStartedException;
import org.memfabric.api.RepeatCallException;
import org.memfabric.api.Validate;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;

/**
 * A group of ranks coordinating through a config store view (whose prefix names the group, e.g.
 * {@code SHM_(3)_S_}). A <em>static</em> group has a fixed rank and size; a <em>dynamic</em> group's members join
 * and leave at run time (see {@link #join()}), learn of each other's changes through the store and drop crashed
 * members reported by the store's rank-down pushes.
 *
 * <p>Every blocking call is bounded by the control-operation timeout and fails with
 * {@link org.memfabric.api.OperationTimeoutException} ({@code SM_TIMEOUT}) naming the store key it waited on.
 * Collectives must be called in the same order by every member; calls are serialised per engine.
 */
public final class GroupEngine implements AutoCloseable {
    /** Largest payload of one allgather contribution. */
    public static final int MAX_GATHER_BYTES = 65536;
    /** Longest subgroup key. */
    public static final int MAX_SUBGROUP_KEY = 63;
    private static final FabricLogger LOG = FabricLogger.of("group");
    private static final String EXIT_KEY = "EXIT";
    private static final String ATOMIC_KEY = "AT_NUM";

    private final ConfigStore store;
    private final int rank;
    private final Duration controlTimeout;
    private final ReentrantLock collectiveLock = new ReentrantLock();
    private final Map<String, Collectives> subgroups = new HashMap<>();
    private final AtomicAllocator allocator;
    private final DynamicMembership membership;
    private final int staticSize;
    private Collectives collectives;
    private IntConsumer exitHandler;
    private long exitWatch = -1;
    private volatile boolean closed;

    private GroupEngine(final ConfigStore store, final int rank, final int staticSize, final Duration controlTimeout,
        final GroupListener listener) {
        this.store = store;
        this.rank = rank;
        this.staticSize = staticSize;
        this.controlTimeout = controlTimeout;
        this.allocator = new AtomicAllocator(store, ATOMIC_KEY);
        this.collectives = new Collectives(store, "0");
        this.membership = listener == null ? null : new DynamicMembership(this, store, listener);
    }

    /**
     * A group with a fixed membership: ranks 0..size-1.
     *
     * @param store the store view scoped to this group
     * @param rank this member's rank
     * @param size the number of members, 1..1024
     * @param controlTimeout bound of every blocking call
     * @return the engine
     */
    public static GroupEngine createStatic(final ConfigStore store, final int rank, final int size,
        final Duration controlTimeout) {
        try {
            Validate.notNull("store", store);
            Validate.inRange("size", size, 1, 1024);
            Validate.inRange("rank", rank, 0, size - 1);
            Validate.timeout("controlTimeout", controlTimeout, Integer.MAX_VALUE);
            return new GroupEngine(store, rank, size, controlTimeout, null);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    /**
     * A group whose members join and leave; nobody is a member until {@link #join()}.
     *
     * @param store the store view scoped to this group
     * @param rank this member's rank (unique in the world), 0..1023
     * @param controlTimeout bound of every blocking call
     * @param listener told about joins, leaves and crashes
     * @return the engine
     */
    public static GroupEngine createDynamic(final ConfigStore store, final int rank, final Duration controlTimeout,
        final GroupListener listener) {
        try {
            Validate.notNull("store", store);
            Validate.inRange("rank", rank, 0, 1023);
            Validate.timeout("controlTimeout", controlTimeout, Integer.MAX_VALUE);
            Validate.notNull("listener", listener);
            return new GroupEngine(store, rank, 0, controlTimeout, listener);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    /**
     * This member's rank.
     *
     * @return the rank
     */
    public int rank() {
        return rank;
    }

    /**
     * The current number of members.
     *
     * @return the size (0 for a dynamic group not joined)
     */
    public int size() {
        return membership == null ? staticSize : membership.size();
    }

    /**
     * The membership version (0 for static groups; grows with every join, leave and crash).
     *
     * @return the version
     */
    public long version() {
        return membership == null ? 0 : membership.version();
    }

    /**
     * The current members.
     *
     * @return ranks in ascending order
     */
    public Set<Integer> members() {
        if (membership != null) {
            return membership.members();
        }
        final TreeSet<Integer> all = new TreeSet<>();
        for (int r = 0; r < staticSize; r++) {
            all.add(r);
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * The control-operation timeout.
     *
     * @return the timeout
     */
    public Duration controlTimeout() {
        return controlTimeout;
    }

    /** Waits until every member has called {@code barrier}. */
    public void barrier() {
        run(() -> {
            final int size = requireMembers("barrier");
            collectives.barrier(size, controlTimeout);
            return null;
        });
    }

    /**
     * Gathers every member's bytes in rank order.
     *
     * @param send this member's contribution, 1..65536 bytes, the same length on every member
     * @return size × send.length bytes
     */
    public byte[] allGather(final byte[] send) {
        return run(() -> {
            checkGather(send);
            final int size = requireMembers("allGather");
            return collectives.allGather(rank, size, send, controlTimeout);
        });
    }

    /**
     * A barrier among a subgroup named by a key (identical within the subgroup, unique across subgroups).
     *
     * @param key the subgroup key, 1..63 characters
     * @param size the subgroup size, ≤ the group size
     * @param subRank this member's rank inside the subgroup
     */
    public void subgroupBarrier(final String key, final int size, final int subRank) {
        run(() -> {
            subgroup(key, size, subRank).barrier(size, controlTimeout);
            return null;
        });
    }

    /**
     * An allgather among a subgroup named by a key.
     *
     * @param key the subgroup key, 1..63 characters
     * @param send this member's contribution
     * @param size the subgroup size
     * @param subRank this member's rank inside the subgroup (orders the result)
     * @return size × send.length bytes
     */
    public byte[] subgroupAllGather(final String key, final byte[] send, final int size, final int subRank) {
        return run(() -> {
            checkGather(send);
            return subgroup(key, size, subRank).allGather(subRank, size, send, controlTimeout);
        });
    }

    private Collectives subgroup(final String key, final int size, final int subRank) {
        Validate.notEmpty("key", key);
        if (key.length() > MAX_SUBGROUP_KEY) {
            throw new InvalidArgumentException(
                "subgroup key must be 1.." + MAX_SUBGROUP_KEY + " characters: key=" + key + ", length=" + key.length());
        }
        Validate.inRange("size", size, 1, Math.max(1, size()));
        Validate.inRange("subRank", subRank, 0, size - 1);
        return subgroups.computeIfAbsent(key, k -> new Collectives(store, "SUB_" + k));
    }

    private static void checkGather(final byte[] send) {
        Validate.notNull("send", send);
        Validate.inRange("sendSize", send.length, 1, MAX_GATHER_BYTES);
    }

    private int requireMembers(final String op) {
        final int size = size();
        if (size == 0) {
            throw new NotStartedException("group has no members yet (join first): op=" + op + ", rank=" + rank);
        }
        return size;
    }

    /**
     * Registers the handler called once, on every rank, when any rank calls {@link #globalExit(int)}.
     *
     * @param handler the handler, called on the store's callback thread with the exit status
     * @throws RepeatCallException when a handler is already registered
     */
    public synchronized void registerExit(final IntConsumer handler) {
        try {
            Validate.notNull("handler", handler);
            if (exitHandler != null) {
                throw new RepeatCallException("exit handler already registered: rank=" + rank);
            }
            exitHandler = handler;
            exitWatch = store.watch(EXIT_KEY, (result, key, value) -> {
                if (result != 0) {
                    LOG.warn("exit watch ended without an exit: rank=" + rank + ", result=" + result);
                    return;
                }
                final String text = new String(value, StandardCharsets.ISO_8859_1);
                try {
                    handler.accept(Integer.parseInt(text));
                } catch (final NumberFormatException e) {
                    LOG.warn("exit status is not an int, ignored: key=" + store.completeKey(EXIT_KEY) + ", value=" + text);
                }
            });
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    /**
     * Tells every rank with an exit handler (this one included) to exit with a status.
     *
     * @param status the status
     */
    public void globalExit(final int status) {
        run(() -> {
            store.set(EXIT_KEY, Integer.toString(status).getBytes(StandardCharsets.ISO_8859_1));
            return null;
        });
    }

    /**
     * Allocates the lowest group-wide free number below a limit.
     *
     * @param limit 1..1024
     * @return the number
     */
    public int allocateValue(final int limit) {
        return call(() -> allocator.allocate(limit, controlTimeout));
    }

    /**
     * Releases a number this engine allocated.
     *
     * @param value the number
     */
    public void releaseValue(final int value) {
        call(() -> {
            allocator.release(value, controlTimeout);
            return null;
        });
    }

    /**
     * Joins a dynamic group: takes the group's join lock, runs the join round with every member (each member's
     * listener and this one's {@link GroupListener#onJoin} take part), publishes the new size and releases the lock.
     * Idempotent once joined.
     */
    public void join() {
        call(() -> {
            dynamic("join").join();
            return null;
        });
    }

    /** Leaves a dynamic group in an orderly way; members drop this rank. */
    public void leave() {
        call(() -> {
            dynamic("leave").leave();
            return null;
        });
    }

    /**
     * Whether this engine is a member (always true for static groups).
     *
     * @return true when joined
     */
    public boolean isJoined() {
        return membership == null || membership.isJoined();
    }

    private DynamicMembership dynamic(final String op) {
        if (membership == null) {
            throw new InvalidArgumentException("operation needs a dynamic group: op=" + op + ", rank=" + rank);
        }
        return membership;
    }

    /** Runs a collective under the collective lock, recording failures as the last error. */
    <T> T run(final java.util.function.Supplier<T> op) {
        return call(() -> {
            collectiveLock.lock();
            try {
                return op.get();
            } finally {
                collectiveLock.unlock();
            }
        });
    }

    private <T> T call(final java.util.function.Supplier<T> op) {
        if (closed) {
            throw LastError.record(new MemFabricException(ErrorCode.SM_ERROR, "group engine closed: rank=" + rank));
        }
        try {
            return op.get();
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    /** Switches the collectives to a new membership version (called by the membership under the lock). */
    void newVersion(final long version) {
        collectiveLock.lock();
        try {
            collectives.cleanUp();
            collectives = new Collectives(store, Long.toString(version));
        } finally {
            collectiveLock.unlock();
        }
    }

    /** The collectives of the current version, for the membership's own rounds. */
    Collectives collectives() {
        return collectives;
    }

    ReentrantLock collectiveLock() {
        return collectiveLock;
    }

    static byte[] rankBytes(final int rank) {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(rank).array();
    }

    /** Leaves (dynamic groups, best effort), removes this engine's last round keys and the exit watch. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (membership != null) {
            membership.close();
        }
        closed = true;
        synchronized (this) {
            if (exitWatch >= 0) {
                try {
                    store.unwatch(exitWatch);
                } catch (final MemFabricException ignored) {
                    // it fired or the store is gone
                }
            }
        }
        collectiveLock.lock();
        try {
            collectives.cleanUp();
        } finally {
            collectiveLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "GroupEngine[rank=" + rank + ", size=" + size() + ", version=" + version() + ", dynamic="
            + (membership != null) + "]";
    }
}
