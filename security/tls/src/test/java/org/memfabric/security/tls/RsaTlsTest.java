package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.security.tls.Loopback.Result;

/** The default PKI (RSA 3072) end to end, traditional RSA keys, and the 3072-bit floor. */
@Timeout(120)
class RsaTlsTest {
    @TempDir
    static Path root;
    static DevPki rsa;
    static DevPki weak;

    @BeforeAll
    static void generate() throws IOException {
        rsa = DevPki.generate(root.resolve("rsa"), new DevPki.Spec());
        weak = DevPki.generate(root.resolve("weak"), new DevPki.Spec().rsaBits(2048));
    }

    @Test
    void shouldHandshakeWithTheDefaultRsa3072Pki() throws Exception {
        final TlsEndpoint server = TlsEndpoint.create(Fixtures.server(rsa));
        assertEquals(3072, ((RSAPublicKey) server.certificate().getPublicKey()).getModulus().bitLength());
        final Result r = Loopback.run(server, TlsEndpoint.create(Fixtures.client(rsa)));
        assertTrue(r.server().echoed(), () -> "server: " + r.server().why());
        assertTrue(r.client().echoed(), () -> "client: " + r.client().why());
        assertEquals("TLSv1.3", r.server().protocol());
    }

    @Test
    void shouldRefuseA2048BitRsaCertificateNamingTheBitCount() {
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.server(weak)),
            "tls key too small: file=" + weak.serverCertFile(), "role=certificate", "algorithm=RSA", "bits=2048",
            "minimumBits=3072");
    }

    @Test
    void shouldRefuseA2048BitCaEvenWithAStrongCertificate() {
        final TlsOption option = Fixtures.option(rsa, rsa.serverCertFile(), rsa.serverKeyFile())
            .caFile(weak.caCertFile());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls key too small: file=" + weak.caCertFile(), "role=ca", "bits=2048");
    }

    @Test
    void shouldRefuseAnRsaKeyOfAnotherCertificate() {
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(rsa, rsa.serverCertFile(), rsa.clientKeyFile()))),
            "tls private key does not match the certificate: file=" + rsa.clientKeyFile(),
            "certFile=" + rsa.serverCertFile(), "keyAlgorithm=RSA");
    }

    @Test
    void shouldReadATraditionalRsaPrivateKey() throws Exception {
        final PrivateKeyInfo info;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(rsa.serverKeyFile())))) {
            info = (PrivateKeyInfo) parser.readObject();
        }
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPEMKeyConverter().getPrivateKey(info));
        }
        assertTrue(text.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"), text.toString().substring(0, 40));
        final Path traditional = root.resolve("traditional.key");
        Files.write(traditional, text.toString().getBytes(StandardCharsets.US_ASCII));
        final TlsEndpoint endpoint = TlsEndpoint.create(Fixtures.settings(
            Fixtures.option(rsa, rsa.serverCertFile(), traditional)));
        assertEquals("CN=memfabric-server", endpoint.certificate().getSubjectX500Principal().getName());
    }
}
