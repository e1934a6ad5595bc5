package org.memfabric.configstore.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.wire.FramedLink;
import org.memfabric.configstore.wire.Handshake;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.SelectorLoop;

/**
 * Opens one client link: TCP connect, the plaintext handshake request, TLS when configured, and the server's answer.
 * A plaintext link then becomes a non-blocking {@link ChannelClientLink} on the shared client loop; a TLS link stays a
 * {@link BlockingClientLink} with its own reader. Runs on the dialling thread (connect or reconnect); stateless
 * besides its configuration, so thread-safe.
 */
final class ClientDialer {
    private static final int MAX_HANDSHAKE_WAIT_MS = 10_000;

    private final StoreUrl url;
    private final StoreClientOptions options;
    private final LinkSecurity security;
    private final SelectorLoop loop;

    ClientDialer(final StoreUrl url, final StoreClientOptions options, final LinkSecurity security,
        final SelectorLoop loop) {
        this.url = url;
        this.options = options;
        this.security = security;
        this.loop = loop;
    }

    /** A refusal by the server: retrying does not help. */
    static final class HandshakeRefused extends IOException {
        private static final long serialVersionUID = 1L;

        HandshakeRefused(final String message) {
            super(message);
        }
    }

    /**
     * Dials once.
     *
     * @param deadlineNanos when to give up waiting for the connect and the answer
     * @param rank the rank to announce
     * @param listener hears the link's frames and its end once it is started
     * @return the link, not reading yet
     * @throws HandshakeRefused when the server refused the link
     * @throws IOException when the server cannot be reached or does not answer in time
     */
    ClientLink dialOnce(final long deadlineNanos, final int rank, final ClientLink.Listener listener)
        throws IOException {
        final int waitMs = (int) Math.max(1, Math.min(MAX_HANDSHAKE_WAIT_MS,
            TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        final SocketChannel channel = security.isTls() ? null : SocketChannel.open();
        final Socket plain = channel == null ? new Socket() : channel.socket();
        Socket socket = plain;
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.connect(new InetSocketAddress(url.address(), url.port()), waitMs);
            plain.setSoTimeout(waitMs);
            plain.getOutputStream().write(Handshake.of(options.worldSize(), rank).encode());
            plain.getOutputStream().flush();
            socket = security.connectSide(plain, url.address().getHostAddress(), url.port());
            awaitAcceptance(socket, waitMs);
            socket.setSoTimeout(0);
            if (channel != null) {
                return ChannelClientLink.open(channel, loop, listener);
            }
            return new BlockingClientLink(new FramedLink(socket), listener,
                "memfabric-store-reader-" + url.hostPort());
        } catch (final IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (final IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    private void awaitAcceptance(final Socket socket, final int waitMs) throws IOException {
        final byte[] answer;
        try {
            answer = FramedLink.readExactly(socket.getInputStream(), Handshake.RESPONSE_LENGTH, "handshake reply");
        } catch (final EOFException e) {
            throw new IOException("server closed the link during the handshake (is one side TLS and the other "
                + "not?): url=" + url + ", tls=" + security.isTls(), e);
        } catch (final SocketTimeoutException e) {
            throw new IOException("no handshake reply (is one side TLS and the other not?): url=" + url
                + ", tls=" + security.isTls() + ", waitedMs=" + waitMs, e);
        }
        final short result = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getShort();
        if (result != 0) {
            throw new HandshakeRefused("store refused the link: url=" + url + ", result=" + result + " ("
                + ErrorCode.of(result).description() + ")");
        }
    }
}
