package org.memfabric.configstore.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * Frames over a non-blocking socket served by a {@link SelectorLoop} (the non-blocking counterpart of
 * {@link FramedLink}, for plaintext links after the handshake). Frames to send are queued and written without
 * blocking: at once when sent from another thread, after the current event when sent from the loop thread, and on
 * write readiness when the socket buffer is full. A peer that lets more than the limit of bytes pile up is cut off
 * with a {@link LinkOverflowException}.
 *
 * <p>Threading: the loop thread reads, decodes and calls the {@link Listener}; {@link #send} and {@link #close} may
 * be called from any thread (the queue is guarded by this object's lock, and the socket is written under it).
 */
public final class FrameChannel {
    /** What happens on a link; both methods run on the loop thread and must not block. */
    public interface Listener {
        /**
         * One frame arrived.
         *
         * @param frame the frame
         */
        void onFrame(Frame frame);

        /**
         * The link ended; called exactly once, after the last {@link #onFrame}.
         *
         * @param cause an {@link java.io.EOFException} when the peer closed, a {@link WireFormatException} for a
         *     broken frame, a {@link LinkOverflowException}, the exception given to {@link FrameChannel#close}, or
         *     the I/O or listener failure
         */
        void onClosed(Exception cause);
    }

    /** Reads per readiness event before the loop turns to other links. */
    private static final int MAX_READS_PER_EVENT = 16;
    /** Buffers per gathering write. */
    private static final int MAX_GATHER = 64;

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final Listener listener;
    private final long maxQueuedBytes;
    /** Loop thread only. */
    private final FrameDecoder decoder = new FrameDecoder();
    /** Guarded by this. */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /** Guarded by this. */
    private long queuedBytes;
    /** Guarded by this: the loop thread writes the queue after its current event. */
    private boolean flushPending;
    /** Guarded by this: the queue waits for write readiness (OP_WRITE is, or will be, registered). */
    private boolean awaitingWritable;
    /** Guarded by this: null until the loop thread has registered the channel. */
    private SelectionKey key;
    /** Written under this. */
    private volatile boolean closed;

    private FrameChannel(final SocketChannel channel, final SelectorLoop loop, final Listener listener,
        final long maxQueuedBytes) {
        this.channel = channel;
        this.loop = loop;
        this.listener = listener;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Switches a connected socket whose handshake is complete to non-blocking mode. Sending works at once; reading
     * starts with {@link #start()}.
     *
     * @param channel the socket
     * @param loop the loop that will serve it
     * @param listener receives frames and the end of the link, on the loop thread
     * @param maxQueuedBytes unsent bytes above which the link is closed
     * @return the channel, open
     * @throws IOException when the socket cannot be made non-blocking
     */
    public static FrameChannel open(final SocketChannel channel, final SelectorLoop loop, final Listener listener,
        final long maxQueuedBytes) throws IOException {
        channel.configureBlocking(false);
        return new FrameChannel(channel, loop, listener, maxQueuedBytes);
    }

    /** Registers the channel with its loop, which reads it from then on. Call once. */
    public void start() {
        loop.execute(this::register);
    }

    private void register() {
        final SelectionKey registered;
        try {
            registered = loop.register(channel, this);
        } catch (final ClosedChannelException e) {
            return; // closed before the loop got to it; onClosed is posted already
        } catch (final IOException e) {
            close(e);
            return;
        }
        synchronized (this) {
            key = registered;
            if (awaitingWritable) {
                registered.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
    }

    /**
     * Queues one encoded frame (or other bytes due on the link) and writes what the socket takes without blocking.
     *
     * @param frame header and body (see {@link Frame#encode}); not copied, must not change afterwards
     * @throws IOException when the link is closed, the write fails or the queue limit is crossed (the link is then
     *     closed)
     */
    public void send(final byte[] frame) throws IOException {
        final boolean inLoop = loop.inLoopThread();
        IOException failure = null;
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            queuedBytes += frame.length;
            if (queuedBytes > maxQueuedBytes) {
                failure = new LinkOverflowException(queuedBytes, maxQueuedBytes);
            } else {
                queue.addLast(ByteBuffer.wrap(frame));
                if (awaitingWritable) {
                    return;
                }
                if (inLoop) {
                    if (!flushPending) {
                        flushPending = true;
                        loop.flushLater(this);
                    }
                    return;
                }
                try {
                    writeQueued();
                } catch (final IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            close(failure);
            throw failure;
        }
    }

    /** Under the lock: writes until the queue is empty or the socket is full, and keeps OP_WRITE in step. */
    private void writeQueued() throws IOException {
        while (!queue.isEmpty()) {
            final long written;
            if (queue.size() == 1) {
                written = channel.write(queue.peekFirst());
            } else {
                final ByteBuffer[] batch = new ByteBuffer[Math.min(queue.size(), MAX_GATHER)];
                int i = 0;
                for (final ByteBuffer b : queue) {
                    if (i == batch.length) {
                        break;
                    }
                    batch[i++] = b;
                }
                written = channel.write(batch);
            }
            queuedBytes -= written;
            while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                queue.pollFirst();
            }
            if (!queue.isEmpty() && queue.peekFirst().position() > 0 || written == 0) {
                interestInWrite(true);
                return;
            }
        }
        interestInWrite(false);
    }

    private void interestInWrite(final boolean on) {
        if (awaitingWritable == on) {
            return;
        }
        awaitingWritable = on;
        if (key == null) {
            return; // register() applies it
        }
        try {
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (final CancelledKeyException e) {
            return; // closing
        }
        if (!loop.inLoopThread()) {
            loop.wakeup();
        }
    }

    /** Loop thread, after an event: writes what the loop thread queued. */
    void flushFromLoop() {
        IOException failure = null;
        synchronized (this) {
            flushPending = false;
            if (closed || awaitingWritable) {
                return;
            }
            try {
                writeQueued();
            } catch (final IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            close(failure);
        }
    }

    /** Loop thread: the socket is ready. */
    void onReady(final SelectionKey readyKey, final ByteBuffer readBuffer) {
        try {
            if (readyKey.isWritable()) {
                onWritable();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                read(readBuffer);
            }
        } catch (final CancelledKeyException e) {
            close(new ClosedChannelException());
        } catch (final RuntimeException e) {
            close(e);
        }
    }

    private void onWritable() {
        IOException failure = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                writeQueued();
            } catch (final IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            close(failure);
        }
    }

    private void read(final ByteBuffer buffer) {
        for (int i = 0; i < MAX_READS_PER_EVENT && !closed; i++) {
            buffer.clear();
            final int n;
            try {
                n = channel.read(buffer);
            } catch (final IOException e) {
                close(e);
                return;
            }
            if (n < 0) {
                close(decoder.endOfStream());
                return;
            }
            buffer.flip();
            decoder.decode(buffer, this::deliver);
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    private void deliver(final Frame frame) {
        if (!closed) {
            listener.onFrame(frame);
        }
    }

    /**
     * Closes the socket and drops unsent frames; the listener's {@link Listener#onClosed} then runs on the loop
     * thread (once, whoever closes first). Idempotent.
     *
     * @param cause why, handed to the listener
     */
    public void close(final Exception cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        try {
            channel.close();
        } catch (final IOException ignored) {
            // the socket is unusable either way
        }
        loop.execute(() -> listener.onClosed(cause));
    }

    /**
     * Whether the link is open.
     *
     * @return false once closed by either side
     */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Unsent bytes right now (for counters and tests).
     *
     * @return the count
     */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }
}
