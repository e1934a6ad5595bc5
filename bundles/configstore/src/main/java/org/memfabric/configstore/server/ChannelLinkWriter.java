package org.memfabric.configstore.server;

import java.io.IOException;

import org.memfabric.configstore.wire.FrameChannel;

/**
 * Frames for a plaintext link, written without blocking by its {@link FrameChannel}; a failed or overflowing send
 * closes the channel, whose listener reports it. Thread-safe.
 */
final class ChannelLinkWriter implements LinkWriter {
    private final FrameChannel channel;

    ChannelLinkWriter(final FrameChannel channel) {
        this.channel = channel;
    }

    @Override
    public void send(final byte[] frame, final boolean fromOwnReader) {
        try {
            channel.send(frame);
        } catch (final IOException e) {
            // the channel closed itself (or was closed); its listener ends the link
        }
    }

    @Override
    public void close() {
        channel.close(new IOException("closed by the server"));
    }
}
