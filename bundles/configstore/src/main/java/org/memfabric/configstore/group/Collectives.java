package org.memfabric.configstore.group;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.ConfigStore;

/**
 * Barrier and allgather over one key space (the original's algorithm, §2.5 of the digest): round {@code sn} uses
 * keys {@code <space>_<sn>_BA/_BW} (barrier) and {@code _GA/_GW} (allgather); the first arriver of round sn removes
 * round sn-2's keys, which every member has finished with, so the store does not grow. Not thread-safe: one
 * collective at a time per instance, as every member must call them in the same order.
 */
final class Collectives {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final ConfigStore store;
    private final String space;
    private long sequence;
    /** The kind ("B" or "G") of the last three rounds, by sn % 3, so cleanup removes the keys round sn-2 made. */
    private final String[] kinds = new String[3];

    Collectives(final ConfigStore store, final String space) {
        this.store = store;
        this.space = space;
    }

    /**
     * Waits until {@code size} members have arrived.
     *
     * @param size the number of members
     * @param timeout the control-operation timeout
     */
    void barrier(final int size, final Duration timeout) {
        final Deadline deadline = Deadline.after(timeout);
        final long sn = ++sequence;
        final String arrive = key(sn, "BA");
        final String done = key(sn, "BW");
        kinds[(int) (sn % 3)] = "B";
        final long arrived = store.add(arrive, 1);
        if (arrived == 1) {
            removeRound(sn - 2);
        }
        if (arrived == size) {
            store.set(done, OK);
        }
        awaitOk(done, deadline, () -> "barrier timed out: key=" + store.completeKey(arrive) + ", arrived="
            + safeCount(arrive) + ", size=" + size);
    }

    /**
     * Gathers every member's bytes, ordered by rank.
     *
     * @param rank this member's rank (orders the result)
     * @param size the number of members
     * @param send this member's bytes (every member sends the same length)
     * @param timeout the control-operation timeout
     * @return size × send.length bytes, rank order
     */
    byte[] allGather(final int rank, final int size, final byte[] send, final Duration timeout) {
        final Deadline deadline = Deadline.after(timeout);
        final long sn = ++sequence;
        final String gather = key(sn, "GA");
        final String done = key(sn, "GW");
        final int record = Integer.BYTES + send.length;
        final byte[] mine = ByteBuffer.allocate(record).order(ByteOrder.LITTLE_ENDIAN).putInt(rank).put(send).array();
        kinds[(int) (sn % 3)] = "G";
        final long length = store.append(gather, mine);
        if (length == record) {
            removeRound(sn - 2);
        }
        if (length == (long) record * size) {
            store.set(done, OK);
        } else if (length > (long) record * size || length % record != 0) {
            throw new InvalidArgumentException("allgather sizes differ between members: key="
                + store.completeKey(gather) + ", sendSize=" + send.length + ", gatheredBytes=" + length + ", size="
                + size);
        }
        awaitOk(done, deadline, () -> "allgather timed out: key=" + store.completeKey(gather) + ", gatheredBytes="
            + safeLength(gather) + ", expectedBytes=" + (long) record * size);
        final byte[] all = store.get(gather, Duration.ZERO);
        if (all.length != (long) record * size) {
            throw new MemFabricException(ErrorCode.SM_ERROR, "allgather result has the wrong length: key="
                + store.completeKey(gather) + ", bytes=" + all.length + ", expected=" + (long) record * size);
        }
        return ordered(all, record, size, gather);
    }

    private byte[] ordered(final byte[] all, final int record, final int size, final String gather) {
        final ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        final int[] ranks = new int[size];
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            ranks[i] = in.getInt(i * record);
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(ranks[x], ranks[y]));
        final int payload = record - Integer.BYTES;
        final byte[] out = new byte[payload * size];
        for (int i = 0; i < size; i++) {
            if (i > 0 && ranks[order[i]] == ranks[order[i - 1]]) {
                throw new MemFabricException(ErrorCode.SM_ERROR, "allgather got two records from one rank: key="
                    + store.completeKey(gather) + ", rank=" + ranks[order[i]]);
            }
            System.arraycopy(all, order[i] * record + Integer.BYTES, out, i * payload, payload);
        }
        return out;
    }

    private void removeRound(final long sn) {
        if (sn < 1 || kinds[(int) (sn % 3)] == null) {
            return;
        }
        final String kind = kinds[(int) (sn % 3)];
        store.remove(key(sn, kind + "A"));
        store.remove(key(sn, kind + "W"));
    }

    private void awaitOk(final String done, final Deadline deadline, final java.util.function.Supplier<String> why) {
        final byte[] value;
        try {
            value = store.get(done, deadline.left());
        } catch (final StoreException e) {
            if (e.errorCode() == ErrorCode.STORE_TIMEOUT) {
                throw deadline.timeout(why.get());
            }
            throw e;
        }
        if (!Arrays.equals(OK, value)) {
            throw new MemFabricException(ErrorCode.SM_ERROR, "collective completion key holds an unexpected value: key="
                + store.completeKey(done) + ", value=" + new String(value, StandardCharsets.ISO_8859_1));
        }
    }

    private String safeCount(final String key) {
        try {
            return store.tryGet(key).map(v -> new String(v, StandardCharsets.ISO_8859_1)).orElse("0");
        } catch (final MemFabricException e) {
            return "unknown";
        }
    }

    private String safeLength(final String key) {
        try {
            return store.tryGet(key).map(v -> Integer.toString(v.length)).orElse("0");
        } catch (final MemFabricException e) {
            return "unknown";
        }
    }

    /** Forgets the round counter (after a membership change, which also changes the key space). */
    void reset() {
        sequence = 0;
        Arrays.fill(kinds, null);
    }

    /**
     * Removes the keys of the round before the last (on destroy or a version change). The last round's keys stay:
     * another member may still be reading its completion key. Round sn-1 is safe because finishing round sn means
     * every member arrived at sn and so finished sn-1.
     */
    void cleanUp() {
        try {
            removeRound(sequence - 1);
        } catch (final MemFabricException ignored) {
            // best effort on the way out
        }
    }

    private String key(final long sn, final String suffix) {
        return space + "_" + sn + "_" + suffix;
    }
}
