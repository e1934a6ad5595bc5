package org.memfabric.configstore.group;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;

/**
 * Group-wide unique small numbers: a 1024-bit bitmap under one key, changed only by compare-and-swap, so concurrent
 * allocations from any rank never hand out the same number. Thread-safe.
 */
final class AtomicAllocator {
    /** Largest number of values. */
    static final int MAX_VALUES = 1024;
    private static final int BITMAP_BYTES = MAX_VALUES / 8;

    private final ConfigStore store;
    private final String key;
    private final Set<Integer> mine = new HashSet<>();

    AtomicAllocator(final ConfigStore store, final String key) {
        this.store = store;
        this.key = key;
    }

    /**
     * Takes the lowest free value below the limit.
     *
     * @param limit 1..1024
     * @param timeout the control-operation timeout
     * @return the value
     */
    int allocate(final int limit, final Duration timeout) {
        if (limit < 1 || limit > MAX_VALUES) {
            throw new InvalidArgumentException("atomic value limit must be 1.." + MAX_VALUES + ": limit=" + limit);
        }
        final Deadline deadline = Deadline.after(timeout);
        while (true) {
            final byte[] current = store.tryGet(key).orElse(new byte[0]);
            final BitSet bits = BitSet.valueOf(current);
            final int value = bits.nextClearBit(0);
            if (value >= limit) {
                throw new MemFabricException(ErrorCode.SM_ERROR,
                    "no atomic value left below the limit: key=" + store.completeKey(key) + ", limit=" + limit
                        + ", inUse=" + bits.cardinality());
            }
            bits.set(value);
            final CasResult r = store.cas(key, current, toBytes(bits));
            if (r.swapped()) {
                synchronized (mine) {
                    mine.add(value);
                }
                return value;
            }
            if (deadline.passed()) {
                throw deadline.timeout("atomic value allocation kept losing its compare-and-swap: key="
                    + store.completeKey(key));
            }
        }
    }

    /**
     * Gives back a value this allocator handed out.
     *
     * @param value the value
     * @param timeout the control-operation timeout
     */
    void release(final int value, final Duration timeout) {
        synchronized (mine) {
            if (!mine.contains(value)) {
                throw new InvalidArgumentException(
                    "atomic value was not allocated by this process: key=" + store.completeKey(key) + ", value=" + value);
            }
        }
        final Deadline deadline = Deadline.after(timeout);
        while (true) {
            final byte[] current = store.tryGet(key).orElse(new byte[0]);
            final BitSet bits = BitSet.valueOf(current);
            bits.clear(value);
            if (store.cas(key, current, toBytes(bits)).swapped()) {
                synchronized (mine) {
                    mine.remove(value);
                }
                return;
            }
            if (deadline.passed()) {
                throw deadline.timeout("atomic value release kept losing its compare-and-swap: key="
                    + store.completeKey(key) + ", value=" + value);
            }
        }
    }

    private static byte[] toBytes(final BitSet bits) {
        final byte[] raw = bits.toByteArray();
        final byte[] fixed = new byte[BITMAP_BYTES];
        System.arraycopy(raw, 0, fixed, 0, Math.min(raw.length, BITMAP_BYTES));
        return fixed;
    }
}
