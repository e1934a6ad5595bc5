package org.memfabric.transport.tcp;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.TransferOp;

/**
 * A requester's connection to one peer endpoint over a small pool of persistent TCP links ({@link TcpLinkPool}).
 *
 * <p>Any thread may transfer. A synchronous operation runs entirely on the calling thread: it takes a link of its
 * own, writes its chunk requests and reads its replies, then gives the link back, so it never waits for another
 * thread to wake up. Asynchronous operations do the same on a thread of the transport's {@link AsyncTransferPool}.
 * Any thread may close; operations in flight then fail with a {@link TransportException}, later ones at once.
 */
final class TcpPeerConnection implements PeerConnection {
    private final TcpEndpoint self;
    private final PeerDescriptor peer;
    private final TcpHostPort target;
    private final String peerName;
    private final TcpCounters counters;
    private final AsyncTransferPool executor;
    private final TcpLinkPool pool;
    private final long timeoutNs;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean linkLost = new AtomicBoolean();
    private volatile int peerRank = -1;

    TcpPeerConnection(final TcpEndpoint self, final PeerDescriptor peer, final TcpHostPort target,
        final TcpCounters counters, final AsyncTransferPool executor) {
        this.self = self;
        this.peer = peer;
        this.target = target;
        this.peerName = peer.address().toString();
        this.counters = counters;
        this.executor = executor;
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(self.operationTimeoutMs());
        this.pool = new TcpLinkPool(self.settings().connectionsPerPeer(), this::openLink);
    }

    /**
     * Opens the first link, so that an unreachable peer fails {@code connect} rather than the first operation.
     *
     * @throws TransportException when the peer cannot be reached within the operation timeout
     */
    void openFirstLink() {
        final TcpLink link = acquire(null);
        pool.release(link, true);
    }

    @Override
    public PeerDescriptor peer() {
        return peer;
    }

    @Override
    public void transfer(final TransferOp op) {
        perform(List.of(check(op)));
    }

    @Override
    public void transferBatch(final List<TransferOp> ops) {
        perform(checkAll(ops));
    }

    @Override
    public CompletableFuture<Void> transferAsync(final TransferOp op) {
        final List<TransferOp> ops = List.of(check(op));
        return executor.submit(() -> perform(ops), op::toString);
    }

    @Override
    public CompletableFuture<Void> transferBatchAsync(final List<TransferOp> ops) {
        final List<TransferOp> checked = checkAll(ops);
        return executor.submit(() -> perform(checked), () -> "batch: ops=" + checked.size() + ", transport=tcp, peer="
            + peerName);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            pool.close();
            self.forget(this);
        }
    }

    private void perform(final List<TransferOp> ops) {
        if (ops.isEmpty()) {
            return;
        }
        if (!open.get()) {
            throw new TransportException(TcpTransport.NAME, peerRank, "connection closed: " + describe(ops, 0),
                null);
        }
        counters.add(TcpCounter.OPS, ops.size());
        final TcpLink link = acquire(ops);
        boolean reusable = false;
        try {
            link.run(ops, timeoutNs, counters);
            reusable = true;
        } catch (final RegionAccessException refused) {
            reusable = true;
            counters.increment(TcpCounter.REFUSALS);
            throw refused;
        } catch (final IOException broken) {
            counters.increment(TcpCounter.LINKS_LOST);
            linkLost.set(true);
            pool.dropIdle();
            throw linkFailure(broken, link, ops);
        } finally {
            pool.release(link, reusable);
        }
    }

    /** Takes a link; {@code ops} is null when connecting. */
    private TcpLink acquire(final List<TransferOp> ops) {
        try {
            return pool.acquire(timeoutNs);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.increment(TcpCounter.ERRORS);
            throw new TransportException(TcpTransport.NAME, peerRank, "interrupted while waiting for a link: "
                + what(ops), e);
        } catch (final IOException e) {
            counters.increment(TcpCounter.ERRORS);
            if (!open.get()) {
                throw new TransportException(TcpTransport.NAME, peerRank, "connection closed: " + what(ops), e);
            }
            if (e instanceof TcpLinkPool.TcpPoolExhaustedException) {
                counters.increment(TcpCounter.TIMEOUTS);
            }
            throw new TransportException(TcpTransport.NAME, peerRank, "peer not reachable: " + what(ops)
                + ", endpoint=" + self.address() + ", timeoutMs=" + self.operationTimeoutMs() + ", cause=" + e, e);
        }
    }

    private TcpLink openLink(final long linkTimeoutNs) throws IOException {
        final TcpLink link = TcpLink.open(target, self.settings(), self.watchdog(), self.addressBytes(), self.rank(),
            linkTimeoutNs);
        counters.increment(TcpCounter.LINKS_OPENED);
        if (linkLost.getAndSet(false)) {
            counters.increment(TcpCounter.RECONNECTS);
        }
        peerRank = link.peerRank();
        return link;
    }

    private TransportException linkFailure(final IOException broken, final TcpLink link, final List<TransferOp> ops) {
        counters.increment(TcpCounter.ERRORS);
        final String what = describe(ops, link.currentOpIndex());
        final String message;
        if (link.expired()) {
            counters.increment(TcpCounter.TIMEOUTS);
            message = "operation timed out, the peer made no progress: " + what + ", timeoutMs="
                + self.operationTimeoutMs();
        } else if (!open.get()) {
            message = "connection closed while the transfer was running: " + what;
        } else if (broken instanceof ClosedByInterruptException) {
            message = "transfer interrupted, link closed: " + what;
        } else if (broken instanceof TcpProtocolException) {
            message = "peer broke the tcp protocol, link closed: " + what + ", problem=" + broken.getMessage();
        } else {
            message = "link to peer lost: " + what + ", cause=" + broken;
        }
        return new TransportException(TcpTransport.NAME, peerRank, message, broken);
    }

    private String what(final List<TransferOp> ops) {
        return ops == null ? "transport=tcp, peer=" + peerName : describe(ops, 0);
    }

    private static String describe(final List<TransferOp> ops, final int opIndex) {
        final TransferOp op = ops.get(Math.min(opIndex, ops.size() - 1));
        return ops.size() == 1 ? op.toString() : op + ", opIndex=" + opIndex + ", ops=" + ops.size();
    }

    private TransferOp check(final TransferOp op) {
        Validate.notNull("op", op);
        if (!op.remote().isOwnedBy(peer)) {
            throw LastError.record(new InvalidArgumentException("region is not owned by this connection's peer: "
                + op + ", connectedPeer=" + peerName));
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

    @Override
    public String toString() {
        return "transport=tcp, endpoint=" + self.address() + ", peer=" + peerName + ", open=" + open.get();
    }
}
