package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The development PKI generator (EC keys here; RsaTlsTest covers the RSA default). */
@Timeout(60)
class DevPkiTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheBasicFilesOnlyUnlessExtrasAreAsked() throws Exception {
        final DevPki pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC));
        for (final Path file : List.of(pki.caCertFile(), pki.serverCertFile(), pki.serverKeyFile(),
            pki.clientCertFile(), pki.clientKeyFile())) {
            assertTrue(Files.isRegularFile(file), file::toString);
        }
        assertEquals(List.of("ca.pem", "client.key", "client.pem", "server.key", "server.pem"),
            Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
        assertTrue(pki.crlFile().isEmpty());
        assertTrue(pki.rogueCaCertFile().isEmpty());
        assertEquals(0, pki.keyPassword().length);
        assertTrue(Files.readString(pki.serverKeyFile()).startsWith("-----BEGIN PRIVATE KEY-----"));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.clientKeyFile())));
        }
    }

    @Test
    void shouldIssueLeafCertificatesFromTheCaWithTheRequestedWindow() throws Exception {
        final Instant before = Instant.now();
        final DevPki pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC)
            .notBeforeOffset(Duration.ofDays(-2)).validity(Duration.ofDays(7)).rogueCa(true).crl(true));
        final X509Certificate ca = Fixtures.certificate(pki.caCertFile());
        final X509Certificate server = Fixtures.certificate(pki.serverCertFile());
        server.verify(ca.getPublicKey());
        Fixtures.certificate(pki.clientCertFile()).verify(ca.getPublicKey());
        Fixtures.certificate(pki.rogueClientCertFile().orElseThrow())
            .verify(Fixtures.certificate(pki.rogueCaCertFile().orElseThrow()).getPublicKey());
        assertTrue(server.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
            "leaves serve as TLS server and client");
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA must be a CA");
        final Instant notBefore = server.getNotBefore().toInstant();
        assertTrue(!notBefore.isBefore(before.minus(Duration.ofDays(2)).minusSeconds(1))
            && notBefore.isBefore(before.minus(Duration.ofDays(2)).plusSeconds(60)), notBefore::toString);
        assertEquals(Duration.ofDays(7), Duration.between(notBefore, server.getNotAfter().toInstant()));
        assertTrue(Files.readString(pki.crlFile().orElseThrow()).startsWith("-----BEGIN X509 CRL-----"));
    }

    @Test
    void shouldEncryptKeysWithTheSpecsPassword() throws IOException {
        final char[] password = "dev-pw".toCharArray();
        final DevPki pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC).keyPassword(password)
            .rogueCa(true));
        for (final Path key : List.of(pki.serverKeyFile(), pki.clientKeyFile(),
            pki.rogueClientKeyFile().orElseThrow())) {
            final String text = Files.readString(key);
            assertTrue(text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), key::toString);
        }
        assertArrayEquals("dev-pw".getBytes(StandardCharsets.UTF_8), pki.keyPassword());
    }

    @Test
    void shouldRefuseToOverwriteAnExistingPki() throws IOException {
        DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC));
        final byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
        Fixtures.refused(() -> DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC)),
            "dev pki refuses to overwrite an existing file: file=" + dir.resolve("ca.pem"));
        assertArrayEquals(ca, Files.readAllBytes(dir.resolve("ca.pem")), "the existing CA must be kept");
        assertFalse(Files.exists(dir.resolve("crl.pem")));
    }

    @Test
    void shouldValidateTheSpec() {
        Fixtures.invalid(() -> new DevPki.Spec().rsaBits(512), "rsaBits=512");
        Fixtures.invalid(() -> new DevPki.Spec().validity(Duration.ZERO), "validity");
        Fixtures.invalid(() -> new DevPki.Spec().keyPassword(new char[0]), "keyPasswordChars=0");
        Fixtures.invalid(() -> new DevPki.Spec().keyType(null), "keyType=null");
    }
}
