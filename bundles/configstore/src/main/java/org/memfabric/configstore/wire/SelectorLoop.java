package org.memfabric.configstore.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.memfabric.api.log.FabricLogger;

/**
 * One selector and the thread that runs it, serving any number of non-blocking {@link FrameChannel}s: it reads every
 * ready channel per wake-up, hands the frames to the channels' listeners, and writes what those listeners queued
 * once each channel's event is handled (so replies to a burst of requests leave in one write).
 *
 * <p>Threading: the loop thread (a {@link StoreIoThread}) selects, runs the channels' read and write handlers, their
 * listeners and the tasks that other threads post with {@link #execute}; {@link #execute}, {@link #inLoopThread()}
 * and {@link #close()} may be called from any thread. Handlers and listeners must not block.
 */
public final class SelectorLoop implements AutoCloseable {
    /** Read buffer of the loop thread, shared by all its channels: one read takes at most this many bytes. */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final FabricLogger LOG = FabricLogger.of("store-io");

    private final Selector selector;
    private final StoreIoThread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Loop thread only. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    /** Loop thread only: channels with frames queued by the loop thread, written after the current event. */
    private final List<FrameChannel> toFlush = new ArrayList<>();
    private volatile boolean running = true;

    private SelectorLoop(final String threadName) throws IOException {
        this.selector = Selector.open();
        this.thread = new StoreIoThread(this::run, threadName);
    }

    /**
     * Opens a selector and starts its daemon thread.
     *
     * @param threadName the thread's name
     * @return the running loop
     * @throws UncheckedIOException when no selector can be opened
     */
    public static SelectorLoop start(final String threadName) {
        final SelectorLoop loop;
        try {
            loop = new SelectorLoop(threadName);
        } catch (final IOException e) {
            throw new UncheckedIOException("selector could not be opened: thread=" + threadName, e);
        }
        loop.thread.start();
        return loop;
    }

    /**
     * Runs a task on the loop thread, after the event being handled (when called on the loop thread) or at the next
     * wake-up. Tasks posted after {@link #close()} are dropped.
     *
     * @param task the task; it must not block
     */
    public void execute(final Runnable task) {
        tasks.add(task);
        if (!inLoopThread()) {
            selector.wakeup();
        }
    }

    /**
     * Whether the calling thread is this loop's thread.
     *
     * @return true on the loop thread
     */
    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Wakes the selector so that interest changes made from another thread take effect. */
    void wakeup() {
        selector.wakeup();
    }

    /** Loop thread: writes this channel's queued frames after the current event. */
    void flushLater(final FrameChannel channel) {
        toFlush.add(channel);
    }

    /** Loop thread: registers a channel for reading. */
    SelectionKey register(final java.nio.channels.SocketChannel channel, final FrameChannel handler)
        throws IOException {
        return channel.register(selector, SelectionKey.OP_READ, handler);
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                selector.select(this::onSelected);
            }
        } catch (final IOException | RuntimeException e) {
            LOG.error("store selector loop failed: thread=" + thread.getName(), e);
        } finally {
            for (final SelectionKey key : selector.keys()) {
                ((FrameChannel) key.attachment()).close(new IOException("selector loop stopped"));
            }
            runTasks();
            try {
                selector.close();
            } catch (final IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (final RuntimeException e) {
                LOG.error("store selector task failed: thread=" + thread.getName(), e);
            }
            flushQueued();
        }
    }

    private void onSelected(final SelectionKey key) {
        final FrameChannel channel = (FrameChannel) key.attachment();
        channel.onReady(key, readBuffer);
        flushQueued();
        runTasks();
    }

    private void flushQueued() {
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flushFromLoop();
        }
        toFlush.clear();
    }

    /** Closes every channel of the loop (their listeners see the close) and stops the thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }

    /**
     * Waits for the loop thread to end (tests and orderly shutdown).
     *
     * @param timeoutMs the longest wait
     * @throws InterruptedException when interrupted
     */
    public void join(final long timeoutMs) throws InterruptedException {
        thread.join(timeoutMs);
    }

    @Override
    public String toString() {
        return "SelectorLoop[" + thread.getName() + ", channels=" + selector.keys().size() + "]";
    }
}
