package org.memfabric.transport.shm;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.memory.NativeMemory;
import org.memfabric.memory.SegmentDescriptor;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.DirectViewConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.TransferDirection;
import org.memfabric.transport.spi.TransferOp;

/**
 * A requester's connection to one same-host peer endpoint: copies are {@link ByteBuffer} bulk copies between the
 * local buffer and this process's mapping of the peer's segment, after the checks of the peer's control table.
 *
 * <p>Synchronous operations run on the caller's thread; asynchronous ones on a thread of the transport's
 * the transport's {@link AsyncTransferPool} (its "SDMA-style copy engine"). Any number of threads operate at once; each operation is bracketed by an in-flight count so
 * that {@link #close()} (any thread) waits for operations in progress before it releases the mappings they use.
 * The hot path allocates nothing: resolved regions are remembered in a small direct-mapped cache.
 */
final class ShmPeerConnection implements DirectViewConnection {
    private static final int RESOLVED_CACHE_SIZE = 256;
    /** Unmaps a peer segment once no direct view over it is reachable any more. */
    private static final Cleaner VIEWS = Cleaner.create();

    private final ShmEndpoint self;
    private final PeerControl peer;
    private final ControlTable table;
    private final AsyncTransferPool engine;
    private final CopyLanes lanes;
    private final ShmCounters counters;
    private final long closeTimeoutNs;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ResolvedRegion[] resolved = new ResolvedRegion[RESOLVED_CACHE_SIZE];
    private final ConcurrentMap<SegmentDescriptor, Attachment> dataSegments = new ConcurrentHashMap<>();

    ShmPeerConnection(final ShmEndpoint self, final PeerControl peer, final AsyncTransferPool engine,
        final CopyLanes lanes, final ShmCounters counters, final long closeTimeoutMs) {
        this.self = self;
        this.peer = peer;
        this.table = peer.table();
        this.engine = engine;
        this.lanes = lanes;
        this.counters = counters;
        this.closeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(closeTimeoutMs);
    }

    @Override
    public PeerDescriptor peer() {
        return peer.peer();
    }

    @Override
    public void transfer(final TransferOp op) {
        performOne(check(op));
    }

    @Override
    public void transferBatch(final List<TransferOp> ops) {
        performAll(checkEach(ops));
    }

    @Override
    public CompletableFuture<Void> transferAsync(final TransferOp op) {
        check(op);
        return engine.submit(() -> performOne(op), op::toString);
    }

    @Override
    public CompletableFuture<Void> transferBatchAsync(final List<TransferOp> ops) {
        Validate.notNull("ops", ops);
        final List<TransferOp> checked = checkEach(new ArrayList<>(ops));
        return engine.submit(() -> performAll(checked),
            () -> "batch: ops=" + checked.size() + ", peer=" + peer.peer().address());
    }

    @Override
    public ByteBuffer directView(final RegionDescriptor remote, final long remoteOffset, final int sizeBytes) {
        checkOwned(Validate.notNull("remote", remote), remote);
        Validate.positive("sizeBytes", sizeBytes);
        if (remoteOffset < 0 || remoteOffset > remote.lengthBytes() - sizeBytes) {
            throw LastError.record(new InvalidArgumentException("direct view outside the region: " + remote
                + ", remoteOffset=" + remoteOffset + ", sizeBytes=" + sizeBytes));
        }
        final ViewRequest request = new ViewRequest(remote, remoteOffset, sizeBytes);
        enter(request);
        try {
            final int index = enterSlot(remote, request);
            try {
                final Attachment data = checkSlot(index, remote, remoteOffset, sizeBytes, request);
                if (!data.tryRetain()) {
                    throw new TransportException(ShmTransport.NAME, -1, "peer segment unmapped: " + request, null);
                }
                final long address = data.segment().address() + table.slotSegmentOffsetBytes(index) + remoteOffset;
                final ByteBuffer view = NativeMemory.view(address, sizeBytes);
                VIEWS.register(view, data::release);
                counters.directViews.increment();
                return view;
            } finally {
                table.exitSlot(index);
            }
        } catch (final TransportException failed) {
            throw counted(failed);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Closes the connection: refuses later operations, waits (at most the endpoint's operation timeout) for those in
     * progress, then releases the peer mappings. Mappings still used by direct views stay until the views are
     * unreachable. Idempotent.
     */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        if (SpinThenPark.await(() -> inFlight.get() == 0, closeTimeoutNs)) {
            for (final Attachment data : dataSegments.values()) {
                data.release();
            }
            dataSegments.clear();
            peer.release();
        } else {
            // An operation is still copying: unmapping now could crash it, so the mappings stay (and are counted).
            counters.errors.increment();
        }
        self.forget(this);
    }

    private void performOne(final TransferOp op) {
        if (lanes.splits(op.sizeBytes())) {
            performLaned(List.of(op));
        } else {
            perform(op);
        }
    }

    /** A batch: op by op on this thread, or, when it is large enough, checked as a whole and copied in lanes. */
    private void performAll(final List<TransferOp> ops) {
        long totalBytes = 0;
        for (int i = 0; i < ops.size(); i++) {
            totalBytes += ops.get(i).sizeBytes();
        }
        if (lanes.splits(totalBytes)) {
            performLaned(ops);
        } else {
            performInOrder(ops);
        }
    }

    /**
     * A batch op by op on this thread, inside one connection bracket; consecutive ops on the same region share one
     * slot bracket (a batch usually targets one region, so this saves two atomic operations on the shared table per
     * op). An op that fails stops the batch; the ops before it have been copied.
     */
    private void performInOrder(final List<TransferOp> ops) {
        final int n = ops.size();
        counters.ops.add(n);
        enter(new BatchLabel(ops));
        try {
            int i = 0;
            while (i < n) {
                final RegionDescriptor remote = ops.get(i).remote();
                final int index = enterSlot(remote, ops.get(i));
                try {
                    do {
                        copy(ops.get(i), index);
                        i++;
                    } while (i < n && ops.get(i).remote() == remote);
                } finally {
                    table.exitSlot(index);
                }
            }
        } catch (final TransportException failed) {
            throw counted(failed);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Checks every op of a batch first (entering each op's slot bracket, so no slot can be retired under the copy),
     * then copies all of them in lanes ({@link CopyLanes}); a refused op means no byte of the batch moved.
     */
    private void performLaned(final List<TransferOp> ops) {
        final int n = ops.size();
        counters.ops.add(n);
        enter(new BatchLabel(ops));
        final int[] slots = new int[n];
        int entered = 0;
        try {
            final LanedBatch job = new LanedBatch(ops);
            for (int i = 0; i < n; i++) {
                final TransferOp op = ops.get(i);
                final int index = enterSlot(op.remote(), op);
                slots[entered++] = index;
                job.data[i] = checkSlot(index, op.remote(), op.remoteOffset(), op.sizeBytes(), op);
                job.segmentOffsets[i] = table.slotSegmentOffsetBytes(index) + op.remoteOffset();
            }
            lanes.run(job);
            for (final TransferOp op : ops) {
                if (op.direction() == TransferDirection.WRITE) {
                    counters.bytesWritten.add(op.sizeBytes());
                } else {
                    counters.bytesRead.add(op.sizeBytes());
                }
            }
            counters.lanedBatches.increment();
            counters.helperLanes.add(job.helperLanes());
        } catch (final TransportException failed) {
            throw counted(failed);
        } finally {
            for (int k = 0; k < entered; k++) {
                table.exitSlot(slots[k]);
            }
            inFlight.decrementAndGet();
        }
    }

    private void perform(final TransferOp op) {
        counters.ops.increment();
        enter(op);
        try {
            final int index = enterSlot(op.remote(), op);
            try {
                copy(op, index);
            } finally {
                table.exitSlot(index);
            }
        } catch (final TransportException failed) {
            throw counted(failed);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Counts a failure as a refusal (the owner's table said no) or an error, and returns it for rethrowing. */
    private TransportException counted(final TransportException failure) {
        if (failure instanceof RegionAccessException) {
            counters.refusals.increment();
        } else {
            counters.errors.increment();
        }
        return failure;
    }

    /** Checks one op against its slot (the caller is inside the slot's bracket) and copies it. */
    private void copy(final TransferOp op, final int index) {
        final Attachment data = checkSlot(index, op.remote(), op.remoteOffset(), op.sizeBytes(), op);
        final long segmentOffset = table.slotSegmentOffsetBytes(index) + op.remoteOffset();
        if (op.direction() == TransferDirection.WRITE) {
            data.copyIn(segmentOffset, op.local(), op.localOffset(), op.sizeBytes());
            counters.bytesWritten.add(op.sizeBytes());
        } else {
            data.copyOut(segmentOffset, op.local(), op.localOffset(), op.sizeBytes());
            counters.bytesRead.add(op.sizeBytes());
        }
    }

    /** Enters this connection's in-flight bracket; when it returns, the caller decrements in a finally block. */
    private void enter(final Object what) {
        inFlight.incrementAndGet();
        if (!open.get()) {
            inFlight.decrementAndGet();
            counters.errors.increment();
            throw new TransportException(ShmTransport.NAME, -1, "connection closed: " + what, null);
        }
    }

    /**
     * Enters the slot's in-flight bracket after checking the peer; the caller calls {@link ControlTable#exitSlot}.
     *
     * @return the slot index
     */
    private int enterSlot(final RegionDescriptor remote, final Object what) {
        final int index = ControlTableDescriptor.slotIndex(remote.regionId());
        if (index < 0) {
            peer.checkUsable(what);
            throw refuse(Refusal.UNKNOWN_REGION, "region not registered", what, -1);
        }
        table.enterSlot(index);
        try {
            peer.checkUsable(what);
        } catch (final TransportException closed) {
            table.exitSlot(index);
            throw closed;
        }
        return index;
    }

    /** Checks the slot against the descriptor and the range; returns the mapped data segment. */
    private Attachment checkSlot(final int index, final RegionDescriptor remote, final long remoteOffset,
        final int sizeBytes, final Object what) {
        if (table.slotStateAcquire(index) != ControlTableDescriptor.SLOT_REGISTERED
            || table.slotRegionId(index) != remote.regionId()) {
            throw refuse(Refusal.UNKNOWN_REGION, "region not registered", what, -1);
        }
        final long lengthBytes = table.slotLengthBytes(index);
        if (table.slotKey(index) != remote.key()) {
            throw refuse(Refusal.KEY_MISMATCH, "region access key does not match", what, lengthBytes);
        }
        if (remoteOffset < 0 || remoteOffset > lengthBytes - sizeBytes) {
            throw refuse(Refusal.OUT_OF_BOUNDS, "range outside the registered region", what, lengthBytes);
        }
        final Attachment data = dataSegment(remote, table.slotSegmentNonce(index), what, lengthBytes);
        final long segmentOffset = table.slotSegmentOffsetBytes(index);
        if (segmentOffset < 0 || segmentOffset > data.sizeBytes() - lengthBytes) {
            throw new TransportException(ShmTransport.NAME, -1, "peer control table names a range outside its "
                + "segment: segmentOffsetBytes=" + segmentOffset + ", segmentSizeBytes=" + data.sizeBytes() + ", "
                + what, null);
        }
        return data;
    }

    /** The mapping of the data segment a region lives in, from the cache or attached now. */
    private Attachment dataSegment(final RegionDescriptor remote, final long slotNonce, final Object what,
        final long lengthBytes) {
        final long regionId = remote.regionId();
        final int cacheIndex = (int) (regionId ^ (regionId >>> 32)) & (RESOLVED_CACHE_SIZE - 1);
        final ResolvedRegion hit = resolved[cacheIndex];
        if (hit != null && hit.attachment.nonce() == slotNonce
            && (hit.descriptor == remote || hit.descriptor.equals(remote))) {
            return hit.attachment;
        }
        final SegmentDescriptor segment = RegionTransportData.segment(remote.transportData());
        if (segment == null || segment.nonce() != slotNonce || segment.pid() != peer.pid()) {
            throw refuse(Refusal.KEY_MISMATCH, "region descriptor does not name the registered segment", what,
                lengthBytes);
        }
        final Attachment data;
        try {
            data = dataSegments.computeIfAbsent(segment, self.attachments()::acquire);
        } catch (final MemFabricException failure) {
            throw new TransportException(ShmTransport.NAME, -1, "peer segment cannot be mapped: " + what + ", cause="
                + failure.getMessage(), failure);
        }
        resolved[cacheIndex] = new ResolvedRegion(remote, data);
        return data;
    }

    private RegionAccessException refuse(final Refusal refusal, final String reason, final Object what,
        final long registeredLengthBytes) {
        final String verb = what instanceof TransferOp
            ? "remote " + ((TransferOp) what).direction().name().toLowerCase(Locale.ROOT) : "direct view";
        return new RegionAccessException(ShmTransport.NAME, -1, refusal, verb + " refused, " + reason + ": refusal="
            + refusal + ", " + what + (registeredLengthBytes >= 0 ? ", registeredLengthBytes=" + registeredLengthBytes
            : ""));
    }

    private TransferOp check(final TransferOp op) {
        Validate.notNull("op", op);
        checkOwned(op.remote(), op);
        return op;
    }

    private void checkOwned(final RegionDescriptor remote, final Object what) {
        if (!remote.isOwnedBy(peer.peer())) {
            throw LastError.record(new InvalidArgumentException("region is not owned by this connection's peer: "
                + what + ", connectedPeer=" + peer.peer().address()));
        }
    }

    /** Checks every op of a list in place (a synchronous batch copies from the caller's list, as it is). */
    private List<TransferOp> checkEach(final List<TransferOp> ops) {
        Validate.notNull("ops", ops);
        for (int i = 0; i < ops.size(); i++) {
            check(ops.get(i));
        }
        return ops;
    }

    /** A descriptor and the mapping it resolved to. Immutable, so safe to publish through a plain array. */
    private static final class ResolvedRegion {
        final RegionDescriptor descriptor;
        final Attachment attachment;

        ResolvedRegion(final RegionDescriptor descriptor, final Attachment attachment) {
            this.descriptor = descriptor;
            this.attachment = attachment;
        }
    }

    /**
     * The ops of one batch with their peer mappings resolved, cut into lanes: an op of at least
     * {@value #MIN_STRIPE_BYTES} bytes per lane is cut into one stripe per lane (64-byte aligned, so two lanes never
     * write the same cache line), smaller ops go whole to lane {@code index % lanes}.
     */
    private static final class LanedBatch extends CopyLanes.Job {
        static final int MIN_STRIPE_BYTES = 16 * 1024;
        private static final long ALIGN = 64;

        private final List<TransferOp> ops;
        final Attachment[] data;
        final long[] segmentOffsets;

        LanedBatch(final List<TransferOp> ops) {
            this.ops = ops;
            this.data = new Attachment[ops.size()];
            this.segmentOffsets = new long[ops.size()];
        }

        @Override
        void copyLane(final int lane, final int lanes) {
            for (int i = 0; i < data.length; i++) {
                final TransferOp op = ops.get(i);
                final long size = op.sizeBytes();
                final long from;
                final long length;
                if (size >= (long) lanes * MIN_STRIPE_BYTES) {
                    final long stripe = ((size + lanes - 1) / lanes + ALIGN - 1) / ALIGN * ALIGN;
                    from = Math.min(size, lane * stripe);
                    length = Math.min(stripe, size - from);
                } else if (i % lanes == lane) {
                    from = 0;
                    length = size;
                } else {
                    continue;
                }
                if (length == 0) {
                    continue;
                }
                if (op.direction() == TransferDirection.WRITE) {
                    data[i].copyIn(segmentOffsets[i] + from, op.local(), op.localOffset() + (int) from,
                        (int) length);
                } else {
                    data[i].copyOut(segmentOffsets[i] + from, op.local(), op.localOffset() + (int) from,
                        (int) length);
                }
            }
        }
    }

    /** A batch, for messages. */
    private static final class BatchLabel {
        private final List<TransferOp> ops;

        BatchLabel(final List<TransferOp> ops) {
            this.ops = ops;
        }

        @Override
        public String toString() {
            return "batch: ops=" + ops.size() + ", first=" + ops.get(0);
        }
    }

    /** A direct view request, for messages. */
    private static final class ViewRequest {
        private final RegionDescriptor remote;
        private final long remoteOffset;
        private final int sizeBytes;

        ViewRequest(final RegionDescriptor remote, final long remoteOffset, final int sizeBytes) {
            this.remote = remote;
            this.remoteOffset = remoteOffset;
            this.sizeBytes = sizeBytes;
        }

        @Override
        public String toString() {
            return "transport=" + remote.transportName() + ", peer=" + remote.ownerAddress() + ", regionId="
                + remote.regionId() + ", remoteOffset=" + remoteOffset + ", sizeBytes=" + sizeBytes;
        }
    }
}
