package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.security.tls.Loopback.Result;

/** Mutual TLS over loopback after the plaintext handshake, with one shared EC PKI (fast to generate). */
@Timeout(60)
class TlsHandshakeTest {
    @TempDir
    static Path dir;
    static DevPki pki;

    @BeforeAll
    static void generate() throws IOException {
        pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC).rogueCa(true).crl(true));
    }

    private static void assertBothFailed(final Result r, final String serverReason) {
        assertFalse(r.client().echoed(), () -> "client must not get the echo: " + r);
        assertNotNull(r.client().failure(), () -> "client must fail: " + r);
        assertNotNull(r.server().failure(), () -> "server must fail: " + r);
        assertTrue(r.server().failure() instanceof SSLException, () -> "server failure: " + r.server().why());
        assertTrue(r.server().why().contains(serverReason),
            () -> "server failure should mention '" + serverReason + "': " + r.server().why());
    }

    @Test
    void shouldEchoOneByteOverMutualTls13AfterThePlaintextHandshake() throws Exception {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(pki));
        final TlsEndpoint client = TlsEndpoint.create(Fixtures.client(pki));
        final Result r = Loopback.run(server, client);
        assertTrue(r.server().echoed(), () -> "server: " + r.server().why());
        assertTrue(r.client().echoed(), () -> "client: " + r.client().why());
        assertEquals("TLSv1.3", r.client().protocol());
        assertTrue(server.cipherSuites().contains(r.client().cipherSuite()), r.client().cipherSuite());
        assertEquals("CN=memfabric-client", r.server().peerSubject(), "server must see the client certificate");
        assertEquals("CN=memfabric-server", r.client().peerSubject(), "client must see the server certificate");
    }

    @Test
    void shouldOfferExactlyTheOriginalsSuitesTheJdkImplements() throws IOException {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(pki));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
            server.cipherSuites());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Socket plain = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            final SSLSocket tls = server.serverSide(plain);
            assertFalse(tls.getUseClientMode());
            assertTrue(tls.getNeedClientAuth(), "servers must require a client certificate");
            assertEquals(List.of("TLSv1.3"), List.of(tls.getEnabledProtocols()));
            assertEquals(server.cipherSuites(), List.of(tls.getEnabledCipherSuites()));
            final SSLSocket clientTls = server.clientSide(plain, "localhost", listener.getLocalPort());
            assertTrue(clientTls.getUseClientMode());
            assertEquals(List.of("TLSv1.3"), List.of(clientTls.getEnabledProtocols()));
        }
    }

    @Test
    void shouldFailOnBothSidesWhenTheClientCertificateIsFromARogueCa() throws Exception {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(pki));
        final TlsEndpoint rogue = TlsEndpoint.create(Fixtures.settings(Fixtures.option(pki,
            pki.rogueClientCertFile().orElseThrow(), pki.rogueClientKeyFile().orElseThrow())));
        assertBothFailed(Loopback.run(server, rogue), "pkix path");
    }

    @Test
    void shouldFailOnBothSidesWhenTheServerCertificateIsFromARogueCa() throws Exception {
        final TlsEndpoint rogueServer = TlsEndpoint.create(Fixtures.settings(Fixtures.option(pki,
            pki.rogueClientCertFile().orElseThrow(), pki.rogueClientKeyFile().orElseThrow())));
        final TlsEndpoint client = TlsEndpoint.create(Fixtures.client(pki));
        final Result r = Loopback.run(rogueServer, client);
        assertNotNull(r.server().failure(), () -> "server must fail: " + r);
        assertNotNull(r.client().failure(), () -> "client must fail: " + r);
        assertTrue(r.client().why().contains("pkix path"), () -> "client must reject the path: " + r.client().why());
    }

    @Test
    void shouldRejectAClientWithoutCertificate() throws Exception {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(pki));
        final Result r = Loopback.run(server::serverSide, Loopback.clientWithoutCertificate(pki.caCertFile()));
        assertBothFailed(r, "empty client certificate chain");
    }

    @Test
    void shouldRejectARevokedClientWhenTheServerHasTheCrl() throws Exception {
        final TlsEndpoint server = TlsEndpoint.create(
            Fixtures.settings(Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile())
                .crlFile(pki.crlFile().orElseThrow())));
        assertBothFailed(Loopback.run(server, TlsEndpoint.create(Fixtures.client(pki))), "revoked");
    }

    @Test
    void shouldAcceptAnUnrevokedPeerWhenTheServerHasTheCrl() throws Exception {
        final TlsOption withCrl = Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile())
            .crlFile(pki.crlFile().orElseThrow());
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.settings(withCrl));
        // The server identity also carries clientAuth, and the CRL does not list it.
        final Result r = Loopback.run(server, TlsEndpoint.create(Fixtures.settings(withCrl.copy())));
        assertTrue(r.server().echoed(), () -> "server: " + r.server().why());
        assertTrue(r.client().echoed(), () -> "client: " + r.client().why());
    }

    @Test
    void shouldRejectEveryPeerOfACaWhoseCrlIsMissingWhenCrlsAreConfigured() throws Exception {
        // Two trusted CAs, a CRL for only one of them: peers of the other cannot be checked and are refused, as
        // with CRL_CHECK_ALL in the original.
        final Path bundle = dir.resolve("two-cas.pem");
        Files.write(bundle, concat(pki.caCertFile(), pki.rogueCaCertFile().orElseThrow()));
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.settings(new TlsOption().enabled(true)
            .caFile(bundle).certFile(pki.serverCertFile()).keyFile(pki.serverKeyFile())
            .crlFile(pki.crlFile().orElseThrow())));
        final TlsEndpoint rogue = TlsEndpoint.create(Fixtures.settings(Fixtures.option(pki,
            pki.rogueClientCertFile().orElseThrow(), pki.rogueClientKeyFile().orElseThrow())));
        assertBothFailed(Loopback.run(server, rogue), "revocation");
    }

    @Test
    void shouldAcceptAPeerOfASecondTrustedCa() throws Exception {
        final Path bundle = dir.resolve("two-cas-no-crl.pem");
        Files.write(bundle, concat(pki.caCertFile(), pki.rogueCaCertFile().orElseThrow()));
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.settings(new TlsOption().enabled(true)
            .caFile(bundle).certFile(pki.serverCertFile()).keyFile(pki.serverKeyFile())));
        final TlsEndpoint rogue = TlsEndpoint.create(Fixtures.settings(Fixtures.option(pki,
            pki.rogueClientCertFile().orElseThrow(), pki.rogueClientKeyFile().orElseThrow())));
        final Result r = Loopback.run(server, rogue);
        assertTrue(r.server().echoed(), () -> "server: " + r.server().why());
        assertEquals("CN=memfabric-rogue-client", r.server().peerSubject());
    }

    @Test
    void shouldHandshakeWithTlsInfoAndTlsKeySettings() throws Exception {
        final TlsInfo info = TlsInfo.parse("tlsCaPath: " + dir + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: ca.pem; tlsCrlPath: " + dir + "; tlsCrlFile: crl.pem");
        final TlsKey key = new TlsKey(Files.readAllBytes(pki.serverKeyFile()), null, Fixtures.unexpectedHandler());
        final TlsEndpoint server = TlsEndpoint.create(new TlsSettings(true, info, key, key.decryptHandler(), null));
        assertTrue(server.describe().contains("crls=1"), server.describe());

        final TlsEndpoint revokedClient = TlsEndpoint.create(Fixtures.client(pki));
        assertBothFailed(Loopback.run(server, revokedClient), "revoked");

        final TlsInfo clientInfo = TlsInfo.parse("tlsCaPath: " + dir + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: ca.pem");
        final TlsKey clientKey = new TlsKey(Files.readAllBytes(pki.serverKeyFile()), new byte[0],
            Fixtures.unexpectedHandler());
        final TlsEndpoint client = TlsEndpoint.create(
            new TlsSettings(true, clientInfo, clientKey, clientKey.decryptHandler(), null));
        final Result r = Loopback.run(server, client);
        assertTrue(r.server().echoed(), () -> "server: " + r.server().why());
        assertTrue(r.client().echoed(), () -> "client: " + r.client().why());
    }

    @Test
    void shouldRefuseToWrapASocketThatIsNotConnected() throws IOException {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(pki));
        try (Socket unconnected = new Socket()) {
            final IOException e = assertThrows(IOException.class, () -> server.serverSide(unconnected));
            assertTrue(e.getMessage().contains("connected=false"), e.getMessage());
            assertThrows(IOException.class, () -> server.clientSide(unconnected, "localhost", 1));
        }
        assertThrows(IOException.class, () -> server.serverSide(null));
    }

    private static byte[] concat(final Path a, final Path b) throws IOException {
        final byte[] first = Files.readAllBytes(a);
        final byte[] second = Files.readAllBytes(b);
        final byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
