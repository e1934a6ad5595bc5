package org.memfabric.security.tls;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs the config store's link set-up over loopback: the client connects and sends 16 plaintext bytes, the server
 * reads them from the raw socket, then both run TLS on the same socket; the client sends one byte and the server
 * echoes it. Every socket has a read timeout, so a broken handshake fails instead of hanging.
 */
final class Loopback {
    static final byte[] PLAIN_HELLO = "memfabric-hello!".getBytes(StandardCharsets.US_ASCII);
    static final int ECHO = 42;
    static final int TIMEOUT_MS = 10_000;

    /** Wraps the accepted plain socket as TLS server. */
    interface ServerWrap {
        SSLSocket wrap(Socket plain) throws IOException;
    }

    /** Wraps the connected plain socket as TLS client. */
    interface ClientWrap {
        SSLSocket wrap(Socket plain, int port) throws IOException;
    }

    /** What one side saw. */
    record Side(int value, IOException failure, String protocol, String cipherSuite, String peerSubject) {
        static Side failed(final IOException e) {
            return new Side(-1, e, null, null, null);
        }

        static Side done(final int value, final SSLSession session) throws IOException {
            final String peer = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
            return new Side(value, null, session.getProtocol(), session.getCipherSuite(), peer);
        }

        boolean echoed() {
            return failure == null && value == ECHO;
        }

        /** The failure and its causes as one lower-case string, for asserting why a handshake failed. */
        String why() {
            final StringBuilder text = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                text.append(t).append(" <- ");
            }
            return text.toString().toLowerCase(Locale.ROOT);
        }
    }

    /** Both sides. */
    record Result(Side server, Side client) {
    }

    private Loopback() {
    }

    static Result run(final TlsEndpoint server, final TlsEndpoint client) throws Exception {
        return run(server::serverSide, (plain, port) -> client.clientSide(plain, "localhost", port));
    }

    static Result run(final ServerWrap server, final ClientWrap client) throws Exception {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            final Future<Side> serverSide = executor.submit(() -> serve(listener, server));
            final Side clientSide = connect(listener.getLocalPort(), client);
            return new Result(serverSide.get(2L * TIMEOUT_MS, TimeUnit.MILLISECONDS), clientSide);
        } finally {
            executor.shutdownNow();
        }
    }

    private static Side serve(final ServerSocket listener, final ServerWrap wrap) {
        try (Socket plain = listener.accept()) {
            plain.setSoTimeout(TIMEOUT_MS);
            final byte[] hello = new byte[PLAIN_HELLO.length];
            // Unbuffered on purpose: a buffering stream could swallow the start of the TLS ClientHello.
            final InputStream raw = plain.getInputStream();
            new DataInputStream(raw).readFully(hello);
            if (!Arrays.equals(hello, PLAIN_HELLO)) {
                return Side.failed(new IOException("plaintext handshake garbled"));
            }
            try (SSLSocket tls = wrap.wrap(plain)) {
                tls.startHandshake();
                final int value = tls.getInputStream().read();
                tls.getOutputStream().write(value);
                tls.getOutputStream().flush();
                return Side.done(value, tls.getSession());
            }
        } catch (final IOException e) {
            return Side.failed(e);
        }
    }

    private static Side connect(final int port, final ClientWrap wrap) {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(TIMEOUT_MS);
            plain.getOutputStream().write(PLAIN_HELLO);
            plain.getOutputStream().flush();
            try (SSLSocket tls = wrap.wrap(plain, port)) {
                tls.startHandshake();
                tls.getOutputStream().write(ECHO);
                tls.getOutputStream().flush();
                final int value = tls.getInputStream().read();
                return Side.done(value, tls.getSession());
            }
        } catch (final IOException e) {
            return Side.failed(e);
        }
    }

    /** A TLS 1.3 client that trusts the CA but has no certificate of its own (plain JSSE, not TlsEndpoint). */
    static ClientWrap clientWithoutCertificate(final Path caFile) throws IOException, GeneralSecurityException {
        final X509Certificate ca = Fixtures.certificate(caFile);
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        final TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(new KeyManager[0], factory.getTrustManagers(), null);
        return (plain, port) -> {
            final SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port,
                true);
            socket.setUseClientMode(true);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            return socket;
        };
    }
}
