package org.memfabric.shm;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.shm.ExitHandler;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.configstore.group.GroupEngine;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * One symmetric memory object ({@code smem_shm_t}): a joined BM object with one device slot of
 * {@code symmetricSize} bytes per rank (rank r's slot at {@code gva + r * symmetricSize}) plus a static group for
 * the control operations. Built by {@link ShmOpener}.
 *
 * <p>Threading: data calls ({@link #put}, {@link #get}, {@link #view}) may come from any thread at once; collective
 * calls are serialised by the group engine and must be issued in the same order on every rank. Exit handlers run
 * on a thread of their own ({@code memfabric-shm<id>-exit}), never on the store's I/O thread, so they may call
 * this object. {@link #destroy} may race with other calls: those then fail with a typed error.
 */
final class ShareMemoryImpl implements ShareMemory {
    private static final FabricLogger LOG = FabricLogger.of("shm");

    private final int id;
    private final int rank;
    private final int rankSize;
    private final long symmetricSize;
    private final long gva;
    private final BigMemory bm;
    private final GroupEngine group;
    private final ConfigStore store;
    private final TransportCatalog catalog;
    private final Set<DataOpKind> allowed;
    private final Runnable onClose;
    private final AtomicBoolean exitFired = new AtomicBoolean();
    private volatile boolean contextSet;
    private volatile boolean closed;

    ShareMemoryImpl(final ShmOpener.Parts parts, final Runnable onClose) {
        this.id = parts.id;
        this.rank = parts.rank;
        this.rankSize = parts.rankSize;
        this.symmetricSize = parts.symmetricSize;
        this.gva = parts.gva;
        this.bm = parts.bm;
        this.group = parts.group;
        this.store = parts.groupStore;
        this.catalog = parts.catalog;
        this.allowed = parts.allowed;
        this.onClose = onClose;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long gva() {
        return call(() -> {
            ensureOpen();
            return gva;
        });
    }

    @Override
    public int localRank() {
        return call(() -> {
            ensureOpen();
            return rank;
        });
    }

    @Override
    public int rankSize() {
        return call(() -> {
            ensureOpen();
            return rankSize;
        });
    }

    @Override
    public long symmetricSize() {
        return call(() -> {
            ensureOpen();
            return symmetricSize;
        });
    }

    @Override
    public void setExtraContext(final byte[] context) {
        call(() -> {
            Validate.notNull("context", context);
            Validate.inRange("extraContextSize", context.length, 1, EXTRA_CONTEXT_MAX);
            ensureOpen();
            store.set(contextKey(rank), context.clone());
            contextSet = true;
            return null;
        });
    }

    @Override
    public Optional<byte[]> extraContext(final int peer) {
        return call(() -> {
            checkRank("rank", peer);
            ensureOpen();
            return store.tryGet(contextKey(peer));
        });
    }

    @Override
    public void barrier() {
        call(() -> {
            ensureOpen();
            group.barrier();
            return null;
        });
    }

    @Override
    public byte[] allGather(final byte[] local) {
        return call(() -> {
            Validate.notNull("local", local);
            Validate.inRange("sendSize", local.length, 1, ALLGATHER_MAX);
            ensureOpen();
            return group.allGather(local);
        });
    }

    @Override
    public void subgroupBarrier(final String key, final int subgroupSize, final int subgroupRank) {
        call(() -> {
            checkSubgroup(key, subgroupSize, subgroupRank);
            ensureOpen();
            group.subgroupBarrier(key, subgroupSize, subgroupRank);
            return null;
        });
    }

    @Override
    public byte[] subgroupAllGather(final String key, final int subgroupSize, final int subgroupRank,
        final byte[] local) {
        return call(() -> {
            checkSubgroup(key, subgroupSize, subgroupRank);
            Validate.notNull("local", local);
            Validate.inRange("sendSize", local.length, 1, ALLGATHER_MAX);
            ensureOpen();
            return group.subgroupAllGather(key, local, subgroupSize, subgroupRank);
        });
    }

    /**
     * The reach of the transport BM's route to the peer uses (see {@link ShmKinds}); this rank reaches itself by
     * MTE and SDMA. When no route is chosen yet, a one-byte read from the peer's slot makes BM choose one. A peer
     * that no transport reaches, or that left, gives the empty set.
     */
    @Override
    public Set<ShmDataOpType> topologyCanReach(final int remoteRank) {
        return call(() -> {
            checkRank("remoteRank", remoteRank);
            ensureOpen();
            if (remoteRank == rank) {
                return EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA);
            }
            try {
                String name = bm.transportFor(remoteRank);
                if ("-".equals(name)) {
                    bm.copyFromGlobal(slot(remoteRank), ByteBuffer.allocateDirect(1));
                    name = bm.transportFor(remoteRank);
                }
                return ShmKinds.reach(ShmKinds.kindsOf(catalog, name), allowed);
            } catch (final TransportException | InvalidArgumentException e) {
                ensureOpen();
                LOG.info("shm peer not reachable: id=" + id + ", rank=" + rank + ", peer=" + remoteRank + ", cause="
                    + e.getMessage());
                return EnumSet.noneOf(ShmDataOpType.class);
            }
        });
    }

    @Override
    public Set<ShmDataOpType> querySupportDataOperation() {
        return call(() -> {
            ensureOpen();
            return ShmKinds.supported(catalog, allowed);
        });
    }

    @Override
    public void registerExit(final ExitHandler handler) {
        call(() -> {
            Validate.notNull("handler", handler);
            ensureOpen();
            group.registerExit(status -> dispatchExit(handler, status));
            return null;
        });
    }

    /** Runs the handler once, on a thread of its own (called on the store's I/O thread). */
    private void dispatchExit(final ExitHandler handler, final int status) {
        if (closed || !exitFired.compareAndSet(false, true)) {
            return;
        }
        final Thread t = new Thread(() -> {
            try {
                handler.onExit(status);
            } catch (final RuntimeException e) {
                LOG.error("shm exit handler failed: id=" + id + ", rank=" + rank + ", status=" + status, e);
            }
        }, "memfabric-shm" + id + "-exit");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void globalExit(final int status) {
        call(() -> {
            ensureOpen();
            group.globalExit(status);
            return null;
        });
    }

    @Override
    public int atomicAllocValue(final int limit) {
        return call(() -> {
            Validate.inRange("limit", limit, 1, 1024);
            ensureOpen();
            return group.allocateValue(limit);
        });
    }

    @Override
    public void atomicReleaseValue(final int value) {
        call(() -> {
            Validate.inRange("value", value, 0, 1023);
            ensureOpen();
            group.releaseValue(value);
            return null;
        });
    }

    @Override
    public void put(final int peer, final long offset, final ByteBuffer src) {
        call(() -> {
            Validate.notNull("src", src);
            final int length = src.remaining();
            checkAccess(peer, offset, length);
            ensureOpen();
            if (length == 0) {
                return null;
            }
            if (src.isDirect()) {
                bm.copyToGlobal(src, slot(peer) + offset);
            } else {
                final ByteBuffer staged = ByteBuffer.allocateDirect(length);
                staged.put(src.duplicate()).flip();
                bm.copyToGlobal(staged, slot(peer) + offset);
            }
            return null;
        });
    }

    @Override
    public void get(final int peer, final long offset, final ByteBuffer dest) {
        call(() -> {
            Validate.notNull("dest", dest);
            Validate.isTrue(!dest.isReadOnly(), "dest must be writable: dest=", dest);
            final int length = dest.remaining();
            checkAccess(peer, offset, length);
            ensureOpen();
            if (length == 0) {
                return null;
            }
            if (dest.isDirect()) {
                bm.copyFromGlobal(slot(peer) + offset, dest);
            } else {
                final ByteBuffer staged = ByteBuffer.allocateDirect(length);
                bm.copyFromGlobal(slot(peer) + offset, staged);
                dest.duplicate().put(staged);
            }
            return null;
        });
    }

    @Override
    public ByteBuffer view(final int peer) {
        return call(() -> {
            checkRank("rank", peer);
            ensureOpen();
            try {
                return bm.directView(slot(peer), (int) Math.min(symmetricSize, VIEW_MAX));
            } catch (final NotSupportedException e) {
                throw new NotSupportedException("shm view needs a rank whose slot is mapped in this process (same "
                    + "host, shm transport); use put/get: id=" + id + ", rank=" + rank + ", peer=" + peer
                    + ", transport=" + bm.transportFor(peer), e);
            }
        });
    }

    @Override
    public void destroy(final int flags) {
        call(() -> {
            Validate.isTrue(flags == 0, "destroy flags are reserved and must be 0: flags=" + flags);
            close();
            return null;
        });
    }

    /**
     * Leaves BM's group and closes the BM object (this rank's slot is released), removes this rank's extra context
     * and closes the group engine. Local: no collective step, as in the original. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (contextSet) {
            quietly("extra context removal", () -> store.remove(contextKey(rank)));
        }
        quietly("bm object close", bm::close);
        quietly("group close", group::close);
        onClose.run();
        LOG.info("shm destroyed: id=" + id + ", rank=" + rank);
    }

    private void quietly(final String what, final Runnable step) {
        try {
            step.run();
        } catch (final MemFabricException e) {
            LOG.warn("shm destroy step failed: id=" + id + ", rank=" + rank + ", step=" + what + ", cause="
                + e.getMessage());
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private long slot(final int peer) {
        return gva + peer * symmetricSize;
    }

    static String contextKey(final int r) {
        return "CTX_" + r;
    }

    private void checkRank(final String name, final int peer) {
        Validate.inRange(name, peer, 0, rankSize - 1);
    }

    private void checkAccess(final int peer, final long offset, final int length) {
        checkRank("rank", peer);
        if (offset < 0 || offset > symmetricSize - length) {
            throw new InvalidArgumentException("shm access outside the rank's slot: id=" + id + ", rank=" + peer
                + ", offset=" + offset + ", sizeBytes=" + length + ", symmetricSize=" + symmetricSize);
        }
    }

    private void checkSubgroup(final String key, final int subgroupSize, final int subgroupRank) {
        Validate.notEmpty("key", key);
        Validate.inRange("key length", key.length(), 1, GroupEngine.MAX_SUBGROUP_KEY);
        Validate.inRange("subgroupSize", subgroupSize, 1, rankSize);
        Validate.inRange("subgroupRank", subgroupRank, 0, subgroupSize - 1);
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidArgumentException("shm object destroyed: id=" + id + ", rank=" + rank);
        }
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }

    @Override
    public String toString() {
        return "ShareMemory[id=" + id + ", rank=" + rank + ", rankSize=" + rankSize + ", symmetricSize="
            + symmetricSize + ", gva=0x" + Long.toHexString(gva) + ", closed=" + closed + "]";
    }
}
