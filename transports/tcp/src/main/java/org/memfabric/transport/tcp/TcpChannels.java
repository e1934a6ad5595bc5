package org.memfabric.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Blocking reads and writes of whole frames, and the socket options every link gets. Stateless. */
final class TcpChannels {
    private TcpChannels() {
    }

    /**
     * Reads until {@code into} is full.
     *
     * @throws EOFException when the stream ends first, naming what was being read
     */
    static void readFully(final SocketChannel channel, final ByteBuffer into, final String what) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("link closed by the peer while reading " + what + ": missingBytes="
                    + into.remaining());
            }
        }
    }

    /** Writes all of {@code from}. */
    static void writeFully(final SocketChannel channel, final ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            channel.write(from);
        }
    }

    /** Writes all of the buffers, with as few system calls as the kernel allows (gathering writes). */
    static void writeFully(final SocketChannel channel, final ByteBuffer[] from) throws IOException {
        final ByteBuffer last = from[from.length - 1];
        while (last.hasRemaining() || from[0].hasRemaining()) {
            channel.write(from);
        }
    }

    /**
     * Sets the options of a link socket: no Nagle delay, and the configured buffers (0 keeps the kernel's).
     * The receive buffer must be set before connecting so that window scaling covers it.
     */
    static void configure(final SocketChannel channel, final TcpTransportSettings settings) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        if (settings.socketSendBufferBytes() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.socketSendBufferBytes());
        }
        if (settings.socketReceiveBufferBytes() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.socketReceiveBufferBytes());
        }
    }
}
