package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.DecryptException;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

/** Encrypted private keys, their password files and decrypt handlers. */
@Timeout(60)
class TlsKeyPasswordTest {
    private static final String PASSWORD = "s3cret-pässwörd";

    @TempDir
    static Path root;
    static DevPki encrypted;
    static DevPki plain;

    @BeforeAll
    static void generate() throws IOException {
        encrypted = DevPki.generate(root.resolve("enc"), new DevPki.Spec().keyType(DevPki.KeyType.EC)
            .keyPassword(PASSWORD.toCharArray()));
        plain = DevPki.generate(root.resolve("plain"), new DevPki.Spec().keyType(DevPki.KeyType.EC));
    }

    /** Remembers every array it returns, to check that the caller zeroed it. */
    static final class RecordingHandler implements DecryptHandler {
        final List<char[]> returned = new ArrayList<>();
        private final DecryptHandler delegate;

        RecordingHandler(final DecryptHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public char[] decrypt(final byte[] cipherText) {
            final char[] result = delegate.decrypt(cipherText);
            returned.add(result);
            return result;
        }

        void assertAllZeroed() {
            assertEquals(1, returned.size(), "the handler must be called exactly once");
            for (final char[] password : returned) {
                assertTrue(password.length > 0);
                assertArrayEquals(new char[password.length], password, "the password must be zeroed after use");
            }
        }
    }

    private static Path write(final String name, final byte[] content) throws IOException {
        final Path file = root.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static TlsOption encryptedServer(final Path passwordFile, final DecryptHandler handler) {
        return Fixtures.option(encrypted, encrypted.serverCertFile(), encrypted.serverKeyFile())
            .keyPasswordFile(passwordFile).decryptHandler(handler);
    }

    @Test
    void shouldDecryptAnEncryptedKeyWithThePassThroughHandlerAndZeroThePassword() throws IOException {
        assertTrue(Files.readString(encrypted.serverKeyFile()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        final RecordingHandler handler = new RecordingHandler(DecryptHandler.passThrough());
        final Path passwordFile = write("pass-through.pw", encrypted.keyPassword());
        final TlsEndpoint endpoint = TlsEndpoint.create(Fixtures.settings(encryptedServer(passwordFile, handler)));
        assertEquals("CN=memfabric-server", endpoint.certificate().getSubjectX500Principal().getName());
        handler.assertAllZeroed();
    }

    @Test
    void shouldRefuseAWrongPasswordClearlyWithoutLeakingItAndStillZeroIt() throws IOException {
        final RecordingHandler handler = new RecordingHandler(DecryptHandler.passThrough());
        final String wrong = "not-the-password";
        final Path passwordFile = write("wrong.pw", wrong.getBytes(StandardCharsets.UTF_8));
        final TlsConfigException e = Fixtures.refused(
            () -> TlsEndpoint.create(Fixtures.settings(encryptedServer(passwordFile, handler))),
            "tls private key could not be decrypted (wrong password or corrupt key): file="
                + encrypted.serverKeyFile(), "passwordFile=" + passwordFile);
        Fixtures.assertNoSecret(e, wrong);
        handler.assertAllZeroed();
    }

    @Test
    void shouldRoundTripThePasswordThroughAesGcm() throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final Path keyFile = write("aes.key", Base64.getEncoder().encode(key));
        final byte[] cipherText = AesGcmDecryptHandler.encrypt(key, PASSWORD.toCharArray());
        final RecordingHandler handler = new RecordingHandler(new AesGcmDecryptHandler(keyFile));

        final Path passwordFile = write("aes.pw", cipherText);
        TlsEndpoint.create(Fixtures.settings(encryptedServer(passwordFile, handler)));
        handler.assertAllZeroed();

        final RecordingHandler keyHandler = new RecordingHandler(new AesGcmDecryptHandler(keyFile));
        final TlsKey tlsKey = new TlsKey(Files.readAllBytes(encrypted.clientKeyFile()), cipherText, keyHandler);
        final TlsInfo info = TlsInfo.parse("tlsCaPath: "
            + encrypted.dir() + "; tlsCert: " + encrypted.clientCertFile() + "; tlsCaFile: ca.pem");
        final TlsEndpoint client = TlsEndpoint.create(new TlsSettings(true, info, tlsKey, keyHandler, null));
        assertEquals("CN=memfabric-client", client.certificate().getSubjectX500Principal().getName());
        keyHandler.assertAllZeroed();
    }

    @Test
    void shouldExplainAnAesGcmFailureWithTheHandlersReason() throws IOException {
        final Path keyFile = write("right.key", AesGcmDecryptHandler.newKey());
        final Path otherKeyFile = write("other.key", AesGcmDecryptHandler.newKey());
        final Path passwordFile = write("aes-other.pw",
            AesGcmDecryptHandler.encrypt(Files.readAllBytes(otherKeyFile), PASSWORD.toCharArray()));
        final TlsConfigException e = Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            encryptedServer(passwordFile, new AesGcmDecryptHandler(keyFile)))),
            "tls key password could not be decrypted: file=" + encrypted.serverKeyFile(),
            "passwordFile=" + passwordFile, "wrong key or tampered cipher text");
        assertInstanceOf(DecryptException.class, e.getCause());
        Fixtures.assertNoSecret(e, PASSWORD);
    }

    @Test
    void shouldRefuseAnEncryptedKeyWithoutPassword() throws IOException {
        final TlsOption option = Fixtures.option(encrypted, encrypted.serverCertFile(), encrypted.serverKeyFile())
            .decryptHandler(Fixtures.unexpectedHandler());
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(option)),
            "tls private key is encrypted but no key password is configured: file=" + encrypted.serverKeyFile());
        final TlsKey key = new TlsKey(Files.readAllBytes(encrypted.serverKeyFile()), null,
            Fixtures.unexpectedHandler());
        final TlsInfo info = TlsInfo.parse("tlsCaPath: "
            + encrypted.dir() + "; tlsCert: " + encrypted.serverCertFile() + "; tlsCaFile: ca.pem");
        Fixtures.refused(() -> TlsEndpoint.create(new TlsSettings(true, info, key, key.decryptHandler(), null)),
            "no key password is configured: source=setConfigStoreTlsKey");
    }

    @Test
    void shouldRefuseAnEmptyPassword() throws IOException {
        final Path empty = write("empty.pw", new byte[0]);
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(
            encryptedServer(empty, Fixtures.unexpectedHandler()))),
            "tls key password is empty: file=" + encrypted.serverKeyFile(), "passwordFile=" + empty);
        final Path something = write("something.pw", new byte[] {1, 2, 3});
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(encryptedServer(something, c -> new char[0]))),
            "tls key password is empty after decryption", "passwordFile=" + something);
        Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(encryptedServer(something, c -> null))),
            "tls key password is empty after decryption");
    }

    @Test
    void shouldWrapAFailingHandlerWithTheFileItWasDecryptingFor() throws IOException {
        final Path passwordFile = write("fails.pw", new byte[] {1});
        final TlsConfigException e = Fixtures.refused(() -> TlsEndpoint.create(Fixtures.settings(encryptedServer(
            passwordFile, c -> {
                throw new DecryptException("vault unreachable: vault=test", null);
            }))),
            "tls key password could not be decrypted: file=" + encrypted.serverKeyFile(),
            "cause=vault unreachable: vault=test");
        assertInstanceOf(DecryptException.class, e.getCause());
    }

    @Test
    void shouldIgnoreAPasswordFileForAnUnencryptedKey() throws IOException {
        final Path passwordFile = write("unused.pw", new byte[] {1});
        final TlsOption option = Fixtures.option(plain, plain.serverCertFile(), plain.serverKeyFile())
            .keyPasswordFile(passwordFile).decryptHandler(Fixtures.unexpectedHandler());
        assertEquals("CN=memfabric-server",
            TlsEndpoint.create(Fixtures.settings(option)).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void shouldReadKeysEncryptedByOpenSsl() throws Exception {
        OpenSsl.assumeAvailable();
        final Path pkcs8 = root.resolve("openssl-pkcs8.key");
        OpenSsl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.serverKeyFile().toString(),
            "-out", pkcs8.toString(), "-passout", "pass:openssl-pw");
        assertTrue(Files.readString(pkcs8).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        final Path traditional = root.resolve("openssl-traditional.key");
        OpenSsl.run("ec", "-aes256", "-in", plain.serverKeyFile().toString(), "-out", traditional.toString(),
            "-passout", "pass:openssl-pw");
        assertTrue(Files.readString(traditional).contains("Proc-Type: 4,ENCRYPTED"));
        final Path passwordFile = write("openssl.pw", "openssl-pw".getBytes(StandardCharsets.US_ASCII));
        for (final Path key : List.of(pkcs8, traditional)) {
            final RecordingHandler handler = new RecordingHandler(DecryptHandler.passThrough());
            TlsEndpoint.create(Fixtures.settings(Fixtures.option(plain, plain.serverCertFile(), key)
                .keyPasswordFile(passwordFile).decryptHandler(handler)));
            handler.assertAllZeroed();
        }
    }
}
