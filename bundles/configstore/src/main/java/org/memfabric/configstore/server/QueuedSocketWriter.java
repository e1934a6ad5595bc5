package org.memfabric.configstore.server;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import org.memfabric.configstore.wire.FramedLink;

/**
 * Frames for a link on a blocking socket (TLS): an outbound queue drained either inline by the link's reader thread
 * (its own replies) or on the server's push executor (frames caused by other links or timers), so that a client that
 * stops reading cannot stall anyone else. A link with more than {@link ServerLink#MAX_QUEUED_BYTES} unsent bytes is
 * handed to the slow-consumer handler. Thread-safe (the queue is guarded by this object's lock).
 */
final class QueuedSocketWriter implements LinkWriter {
    private final FramedLink link;
    private final Executor pushExecutor;
    private final Runnable onSlowConsumer;
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean closed;

    QueuedSocketWriter(final FramedLink link, final Executor pushExecutor, final Runnable onSlowConsumer) {
        this.link = link;
        this.pushExecutor = pushExecutor;
        this.onSlowConsumer = onSlowConsumer;
    }

    @Override
    public void send(final byte[] frame, final boolean fromOwnReader) {
        synchronized (this) {
            if (closed) {
                return;
            }
            outbound.add(frame);
            queuedBytes += frame.length;
            if (queuedBytes > ServerLink.MAX_QUEUED_BYTES) {
                closed = true;
                outbound.clear();
                pushExecutor.execute(onSlowConsumer);
                return;
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        if (fromOwnReader) {
            drain();
        } else {
            pushExecutor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            final byte[] next;
            synchronized (this) {
                next = outbound.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                queuedBytes -= next.length;
            }
            try {
                link.write(next);
            } catch (final IOException e) {
                synchronized (this) {
                    closed = true;
                    outbound.clear();
                    draining = false;
                }
                link.close();
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            outbound.clear();
        }
        link.close();
    }
}
