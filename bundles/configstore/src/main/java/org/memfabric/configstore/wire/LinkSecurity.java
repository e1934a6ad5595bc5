package org.memfabric.configstore.wire;

import java.io.IOException;
import java.net.Socket;

/**
 * What runs on a socket after the plaintext handshake request: nothing, or TLS. Implementations are immutable and
 * thread-safe.
 */
public interface LinkSecurity {
    /** No TLS: the socket is used as it is. */
    LinkSecurity PLAINTEXT = new LinkSecurity() {
        @Override
        public boolean isTls() {
            return false;
        }

        @Override
        public Socket acceptSide(final Socket plain) {
            return plain;
        }

        @Override
        public Socket connectSide(final Socket plain, final String host, final int port) {
            return plain;
        }
    };

    /**
     * Whether this is TLS.
     *
     * @return true for TLS
     */
    boolean isTls();

    /**
     * Secures an accepted socket (server side) and completes the TLS handshake.
     *
     * @param plain the accepted socket, its 16-byte handshake request already read
     * @return the socket to use from now on
     * @throws IOException when the TLS handshake fails
     */
    Socket acceptSide(Socket plain) throws IOException;

    /**
     * Secures a connected socket (client side) and completes the TLS handshake.
     *
     * @param plain the connected socket, its 16-byte handshake request already sent
     * @param host the server host, for the TLS session
     * @param port the server port
     * @return the socket to use from now on
     * @throws IOException when the TLS handshake fails
     */
    Socket connectSide(Socket plain, String host, int port) throws IOException;
}
