package org.memfabric.configstore;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.memfabric.api.tls.TlsSettings;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.security.tls.TlsEndpoint;

/**
 * Mutual TLS 1.3 on store links, started after the plaintext handshake request as in the original. Immutable and
 * thread-safe; the TLS material is loaded and checked once, at creation.
 */
final class TlsLinkSecurity implements LinkSecurity {
    private final TlsEndpoint endpoint;

    private TlsLinkSecurity(final TlsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Loads and checks the material.
     *
     * @param settings enabled TLS settings
     * @return the security
     */
    static TlsLinkSecurity create(final TlsSettings settings) {
        return new TlsLinkSecurity(TlsEndpoint.create(settings));
    }

    @Override
    public boolean isTls() {
        return true;
    }

    @Override
    public Socket acceptSide(final Socket plain) throws IOException {
        final SSLSocket s = endpoint.serverSide(plain);
        s.startHandshake();
        return s;
    }

    @Override
    public Socket connectSide(final Socket plain, final String host, final int port) throws IOException {
        final SSLSocket s = endpoint.clientSide(plain, host, port);
        s.startHandshake();
        return s;
    }

    @Override
    public String toString() {
        return "TLS[" + endpoint.describe() + "]";
    }
}
