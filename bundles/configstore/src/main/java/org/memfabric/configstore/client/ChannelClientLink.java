package org.memfabric.configstore.client;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.FrameChannel;
import org.memfabric.configstore.wire.SelectorLoop;

/**
 * A plaintext client link served by the process-wide client {@link SelectorLoop}: sends never block, and replies are
 * read and dispatched on the loop thread, so many clients in one process share one I/O thread. Thread-safe.
 */
final class ChannelClientLink implements ClientLink {
    /** Unsent request bytes above which the link is treated as broken (the server does not read). */
    static final long MAX_QUEUED_BYTES = 512L * 1024 * 1024;

    private final FrameChannel channel;

    private ChannelClientLink(final FrameChannel channel) {
        this.channel = channel;
    }

    /**
     * Wraps a socket whose handshake is complete.
     *
     * @param socket the socket, blocking so far
     * @param loop the loop that reads it
     * @param listener hears frames and the end, on the loop thread
     * @return the link, not reading yet
     * @throws IOException when the socket cannot be made non-blocking
     */
    static ChannelClientLink open(final SocketChannel socket, final SelectorLoop loop, final Listener listener)
        throws IOException {
        return new ChannelClientLink(FrameChannel.open(socket, loop, new FrameChannel.Listener() {
            @Override
            public void onFrame(final Frame frame) {
                listener.onFrame(frame);
            }

            @Override
            public void onClosed(final Exception cause) {
                listener.onBroken(cause instanceof IOException ? (IOException) cause
                    : new IOException("server sent a frame this client cannot handle: " + cause.getMessage(), cause));
            }
        }, MAX_QUEUED_BYTES));
    }

    @Override
    public void send(final byte[] frame) throws IOException {
        channel.send(frame);
    }

    @Override
    public void start() {
        channel.start();
    }

    @Override
    public void close() {
        channel.close(new IOException("closed by the client"));
    }
}
