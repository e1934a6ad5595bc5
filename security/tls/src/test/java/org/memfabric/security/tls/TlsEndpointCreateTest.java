package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

/** The checks {@link TlsEndpoint#create} makes before building a context; EC PKIs for speed. */
@Timeout(60)
class TlsEndpointCreateTest {
    @TempDir
    static Path root;
    static DevPki pki;
    static DevPki other;
    static DevPki expired;
    static DevPki future;
    static DevPki shortLived;

    @BeforeAll
    static void generate() throws IOException {
        pki = DevPki.generate(root.resolve("good"), new DevPki.Spec().keyType(DevPki.KeyType.EC).crl(true));
        other = DevPki.generate(root.resolve("other"), new DevPki.Spec().keyType(DevPki.KeyType.EC).crl(true));
        expired = DevPki.generate(root.resolve("expired"), new DevPki.Spec().keyType(DevPki.KeyType.EC)
            .notBeforeOffset(Duration.ofDays(-31)).validity(Duration.ofDays(30)).crl(true));
        future = DevPki.generate(root.resolve("future"), new DevPki.Spec().keyType(DevPki.KeyType.EC)
            .notBeforeOffset(Duration.ofDays(1)));
        shortLived = DevPki.generate(root.resolve("short"), new DevPki.Spec().keyType(DevPki.KeyType.EC)
            .validity(Duration.ofDays(10)));
    }

    @Test
    void shouldDescribeTheIdentityAndReportTheEarliestExpiry() {
        final TlsEndpoint endpoint = TlsEndpoint.create(Fixtures.server(pki));
        assertEquals("CN=memfabric-server", endpoint.certificate().getSubjectX500Principal().getName());
        assertEquals(pki.notAfter().truncatedTo(ChronoUnit.SECONDS), endpoint.notAfter());
        final String text = endpoint.describe();
        for (final String fragment : new String[] {"subject=CN=memfabric-server", "issuer=CN=MemFabric Dev CA",
            "notAfter=" + endpoint.notAfter(), "protocol=TLSv1.3", "crls=0"}) {
            assertTrue(text.contains(fragment), () -> "describe() should contain '" + fragment + "': " + text);
        }
    }

    @Test
    void shouldReportTheEarliestExpiryOfCertificateAndCas() throws IOException {
        final Path caDir = root.resolve("short-cas");
        Files.createDirectories(caDir);
        Files.copy(pki.caCertFile(), caDir.resolve("ours.pem"));
        Files.copy(shortLived.caCertFile(), caDir.resolve("short.pem"));
        final TlsInfo info = TlsInfo.parse("tlsCaPath: " + caDir + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: ours.pem, short.pem");
        final TlsKey key = new TlsKey(Files.readAllBytes(pki.serverKeyFile()), null, DecryptHandler.passThrough());
        final TlsEndpoint endpoint = TlsEndpoint.create(new TlsSettings(true, info, key, key.decryptHandler(), null));
        assertEquals(shortLived.notAfter().truncatedTo(ChronoUnit.SECONDS), endpoint.notAfter());
        assertTrue(endpoint.notAfter().isBefore(endpoint.certificate().getNotAfter().toInstant()));
    }

    @Test
    void shouldRefuseTheCertificateOnceTheClockPassesItsExpiry() {
        final Instant later = pki.notAfter().plus(Duration.ofDays(1));
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.server(pki), InstantSource.fixed(later)),
            "tls certificate expired: file=" + pki.serverCertFile(), "role=certificate");
    }

    @Test
    void shouldRefuseAnExpiredOwnCertificateNamingTheFile() {
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.server(expired)),
            "tls certificate expired: file=" + expired.serverCertFile(), "role=certificate",
            "notAfter=" + expired.notAfter().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void shouldRefuseANotYetValidOwnCertificateNamingTheFile() {
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.server(future)),
            "tls certificate not yet valid: file=" + future.serverCertFile(), "role=certificate", "notBefore=");
    }

    @Test
    void shouldRefuseAnExpiredCa() {
        final TlsOption option = Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile())
            .caFile(expired.caCertFile());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls certificate expired: file=" + expired.caCertFile(), "role=ca");
    }

    @Test
    void shouldRefuseAKeyThatDoesNotMatchTheCertificate() {
        final TlsOption option = Fixtures.option(pki, pki.serverCertFile(), pki.clientKeyFile());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls private key does not match the certificate: file=" + pki.clientKeyFile(),
            "certFile=" + pki.serverCertFile());
    }

    @Test
    void shouldRefuseItsOwnCertificateWhenAConfiguredCrlRevokesIt() throws Exception {
        final TlsOption option = Fixtures.option(pki, pki.clientCertFile(), pki.clientKeyFile())
            .crlFile(pki.crlFile().orElseThrow());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls certificate revoked: file=" + pki.clientCertFile(), "crl=" + pki.crlFile().orElseThrow(),
            "serial=" + Fixtures.certificate(pki.clientCertFile()).getSerialNumber().toString(16));
    }

    @Test
    void shouldRefuseAnExpiredCrl() {
        final TlsOption option = Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile())
            .crlFile(expired.crlFile().orElseThrow());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls crl expired: file=" + expired.crlFile().orElseThrow(), "nextUpdate=");
    }

    @Test
    void shouldRefuseACrlNotSignedByTheConfiguredCaOfTheSameName() {
        // Every dev CA is called "CN=MemFabric Dev CA"; the other PKI's CRL carries our CA's name but not its key.
        final TlsOption option = Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile())
            .crlFile(other.crlFile().orElseThrow());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls crl signature does not verify with its issuer's ca: file=" + other.crlFile().orElseThrow(),
            "caFile=" + pki.caCertFile());
    }

    @Test
    void shouldNameAMissingFileAndItsRole() {
        final Path missing = root.resolve("nowhere.pem");
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile()).caFile(missing))),
            "tls file missing: file=" + missing, "role=ca");
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), missing))),
            "tls file missing: file=" + missing, "role=key");
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile()).crlFile(missing))),
            "tls file missing: file=" + missing, "role=crl");
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile()).caFile(root))),
            "tls file is not a regular file: file=" + root, "role=ca");
    }

    @Test
    void shouldRefuseFilesThatAreNotPem() throws IOException {
        final Path text = root.resolve("text.pem");
        Files.write(text, "just some text\n".getBytes(StandardCharsets.US_ASCII));
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, text, pki.serverKeyFile()))),
            "tls file holds no PEM certificate: file=" + text, "role=certificate");
        final Path broken = root.resolve("broken.pem");
        Files.write(broken, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.US_ASCII));
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile()).caFile(broken))),
            "tls file is not valid PEM: file=" + broken, "role=ca");
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverCertFile()))),
            "tls file holds no PEM private key: file=" + pki.serverCertFile());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(pki, pki.serverCertFile(), pki.serverKeyFile()).crlFile(pki.caCertFile()))),
            "tls file holds no PEM crl: file=" + pki.caCertFile());
    }

    @Test
    void shouldNameTheMissingPieceOfIncompleteSettings() throws IOException {
        Fixtures.refused(() -> TlsEndpoint.create(null), "settings=null");
        Fixtures.refused(() -> TlsEndpoint.create(TlsSettings.DISABLED), "tls is not enabled", "enabled=false");
        Fixtures.refused(() -> TlsEndpoint.create(
            new TlsSettings(true, null, null, DecryptHandler.passThrough(), null)), "missing=tls_info");
        final TlsInfo info = TlsInfo.parse("tlsCaPath: " + pki.dir() + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: ca.pem");
        Fixtures.refused(() -> TlsEndpoint.create(
            new TlsSettings(true, info, null, DecryptHandler.passThrough(), null)),
            "missing=privateKey", "certFile=" + pki.serverCertFile());
        final TlsOption noKey = new TlsOption().enabled(true).caFile(pki.caCertFile()).certFile(pki.serverCertFile());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(noKey)), "missing=keyFile");
        // A disabled option does not shadow tls_info + key.
        final TlsKey key = new TlsKey(Files.readAllBytes(pki.serverKeyFile()), null, DecryptHandler.passThrough());
        final TlsEndpoint e = TlsEndpoint.create(new TlsSettings(true, info, key, DecryptHandler.passThrough(),
            new TlsOption()));
        assertEquals("CN=memfabric-server", e.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void shouldUseEveryTlsInfoCaAsTrustAnchor() throws IOException {
        final Path caDir = root.resolve("cas");
        Files.createDirectories(caDir);
        Files.copy(pki.caCertFile(), caDir.resolve("a.pem"));
        Files.copy(future.caCertFile(), caDir.resolve("b.pem"));
        final TlsInfo info = TlsInfo.parse("tlsCaPath: " + caDir + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: a.pem, b.pem");
        final TlsKey key = new TlsKey(Files.readAllBytes(pki.serverKeyFile()), null, DecryptHandler.passThrough());
        // b.pem is not valid yet: proves the second file is read and checked.
        Fixtures.refused(() -> TlsEndpoint.create(new TlsSettings(true, info, key, DecryptHandler.passThrough(),
            null)), "tls certificate not yet valid: file=" + caDir.resolve("b.pem"), "role=ca");
    }
}
