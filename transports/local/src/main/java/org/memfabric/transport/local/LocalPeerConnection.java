package org.memfabric.transport.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.TransferOp;

/**
 * A connection from one local endpoint to another in the same JVM.
 *
 * <p>Synchronous operations copy on the caller's thread, straight into or out of the owner's memory after the
 * owner's checks ({@link LocalEndpoint#serve(TransferOp)}); asynchronous ones do the same on a thread of the
 * transport's {@link AsyncTransferPool}. Any thread may close; operations started later fail.
 */
final class LocalPeerConnection implements PeerConnection {
    private final LocalEndpoint self;
    private final LocalEndpoint target;
    private final AsyncTransferPool executor;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LocalPeerConnection(final LocalEndpoint self, final LocalEndpoint target, final AsyncTransferPool executor) {
        this.self = self;
        this.target = target;
        this.executor = executor;
    }

    @Override
    public PeerDescriptor peer() {
        return target.descriptor();
    }

    @Override
    public void transfer(final TransferOp op) {
        perform(check(op));
    }

    @Override
    public void transferBatch(final List<TransferOp> ops) {
        for (final TransferOp op : checkAll(ops)) {
            perform(op);
        }
    }

    @Override
    public CompletableFuture<Void> transferAsync(final TransferOp op) {
        check(op);
        return executor.submit(() -> perform(op), op::toString);
    }

    @Override
    public CompletableFuture<Void> transferBatchAsync(final List<TransferOp> ops) {
        final List<TransferOp> checked = checkAll(ops);
        return executor.submit(() -> checked.forEach(this::perform),
            () -> "batch: ops=" + checked.size() + ", peer=" + target.address());
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            self.forget(this);
        }
    }

    private void perform(final TransferOp op) {
        if (!open.get()) {
            throw new TransportException(LocalTransport.NAME, target.rank(), "connection closed: " + op, null);
        }
        target.serve(op);
    }

    private TransferOp check(final TransferOp op) {
        Validate.notNull("op", op);
        if (!op.remote().isOwnedBy(target.descriptor())) {
            throw LastError.record(new InvalidArgumentException("region is not owned by this connection's peer: "
                + op + ", connectedPeer=" + target.address()));
        }
        return op;
    }

    private List<TransferOp> checkAll(final List<TransferOp> ops) {
        Validate.notNull("ops", ops);
        final List<TransferOp> checked = new ArrayList<>(ops.size());
        for (final TransferOp op : ops) {
            checked.add(check(op));
        }
        return checked;
    }
}
