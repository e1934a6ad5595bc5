package org.memfabric.trans;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.trans.TransferStream;

/**
 * An ordered queue of asynchronous transfers: each transfer starts when the one submitted before it has completed
 * (successfully or not), so the transfers of one stream take effect and complete in submission order, like a device
 * stream. A failed transfer does not stop the later ones; {@link #synchronize()} reports the first failure since the
 * previous synchronize.
 *
 * <p>Threading: any thread submits (submission order is the order of {@link #enqueue} calls, serialised by this
 * object's lock); each transfer is started on the thread that completed its predecessor (a transport thread, or the
 * submitter when the stream was idle) and completed on a transport thread; any thread may synchronize.
 */
final class OrderedStream implements TransferStream {
    private final Object engine;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private boolean closed;

    OrderedStream(final Object engine) {
        this.engine = engine;
    }

    boolean belongsTo(final Object candidate) {
        return engine == candidate;
    }

    /**
     * Queues a transfer behind every transfer submitted before.
     *
     * @param start starts the transfer and returns its completion
     * @return completes when the transfer has completed, after every transfer submitted before it
     */
    synchronized CompletableFuture<Void> enqueue(final Supplier<CompletableFuture<Void>> start) {
        if (closed) {
            throw new InvalidArgumentException("transfer stream closed: stream=" + this);
        }
        pending.incrementAndGet();
        final CompletableFuture<Void> done = tail.handle((v, e) -> (Void) null)
            .thenCompose(ignored -> {
                try {
                    return start.get();
                } catch (final RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            })
            .whenComplete((v, e) -> {
                if (e != null) {
                    firstFailure.compareAndSet(null, unwrap(e));
                }
                pending.decrementAndGet();
            });
        tail = done;
        return done;
    }

    @Override
    public void synchronize() {
        final CompletableFuture<Void> last;
        synchronized (this) {
            last = tail;
        }
        last.handle((v, e) -> (Void) null).join();
        final Throwable failure = firstFailure.getAndSet(null);
        if (failure instanceof MemFabricException) {
            throw LastError.record((MemFabricException) failure);
        }
        if (failure != null) {
            throw LastError.record(new TransportException("none", -1, "asynchronous transfer failed: cause="
                + failure, failure));
        }
    }

    @Override
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        try {
            synchronize();
        } finally {
            synchronized (this) {
                closed = true;
            }
        }
    }

    static Throwable unwrap(final Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return "OrderedStream@" + Integer.toHexString(System.identityHashCode(this)) + "[pending=" + pending.get()
            + "]";
    }
}
