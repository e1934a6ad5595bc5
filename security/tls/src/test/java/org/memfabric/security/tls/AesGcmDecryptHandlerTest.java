package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.tls.DecryptException;

/** The AES-256-GCM password handler: key files, the cipher-text format, and failures that never leak secrets. */
@Timeout(60)
class AesGcmDecryptHandlerTest {
    private static final String PASSWORD = "correct horse battery staple ✓";

    @TempDir
    Path dir;

    private Path keyFile(final String name, final byte[] content) throws IOException {
        final Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void shouldRoundTripWithARawKeyFile() throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final AesGcmDecryptHandler handler = new AesGcmDecryptHandler(keyFile("raw.key", key));
        assertEquals(PASSWORD, new String(handler.decrypt(AesGcmDecryptHandler.encrypt(key, PASSWORD.toCharArray()))));
    }

    @Test
    void shouldRoundTripWithABase64KeyFileEndingInANewline() throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        final AesGcmDecryptHandler handler = new AesGcmDecryptHandler(keyFile("b64.key", text));
        final byte[] cipherText = AesGcmDecryptHandler.encrypt(key, PASSWORD.toCharArray());
        final byte[] withNewline = Arrays.copyOf(cipherText, cipherText.length + 1);
        withNewline[cipherText.length] = '\n';
        assertEquals(PASSWORD, new String(handler.decrypt(withNewline)));
    }

    @Test
    void shouldWriteTheDocumentedFormat() {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final byte[] first = AesGcmDecryptHandler.encrypt(key, "pw".toCharArray());
        final byte[] blob = Base64.getDecoder().decode(first);
        assertArrayEquals("MFG1".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(blob, 4));
        assertEquals(4 + 12 + 2 + 16, blob.length, "magic + nonce + UTF-8 password + tag");
        final byte[] second = Base64.getDecoder().decode(AesGcmDecryptHandler.encrypt(key, "pw".toCharArray()));
        assertFalse(Arrays.equals(Arrays.copyOfRange(blob, 4, 16), Arrays.copyOfRange(second, 4, 16)),
            "every encryption needs a fresh nonce");
        assertEquals(32, AesGcmDecryptHandler.newKey().length);
        assertFalse(Arrays.equals(AesGcmDecryptHandler.newKey(), AesGcmDecryptHandler.newKey()));
    }

    @Test
    void shouldRejectTheWrongKeyWithoutLeakingThePassword() throws IOException {
        final byte[] cipherText = AesGcmDecryptHandler.encrypt(AesGcmDecryptHandler.newKey(), PASSWORD.toCharArray());
        final AesGcmDecryptHandler handler = new AesGcmDecryptHandler(keyFile("other.key",
            AesGcmDecryptHandler.newKey()));
        final DecryptException e = assertThrows(DecryptException.class, () -> handler.decrypt(cipherText));
        assertTrue(e.getMessage().contains("wrong key or tampered cipher text"), e.getMessage());
        assertTrue(e.getMessage().contains("keyFile=" + dir.resolve("other.key")), e.getMessage());
        assertEquals(ErrorCode.SM_ERROR, e.errorCode());
        Fixtures.assertNoSecret(e, PASSWORD);
    }

    @Test
    void shouldRejectTamperedOrMalformedCipherText() throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final AesGcmDecryptHandler handler = new AesGcmDecryptHandler(keyFile("k", key));
        final byte[] blob = Base64.getDecoder().decode(AesGcmDecryptHandler.encrypt(key, PASSWORD.toCharArray()));
        blob[blob.length - 20] ^= 1;
        final byte[] tampered = Base64.getEncoder().encode(blob);
        assertTrue(assertThrows(DecryptException.class, () -> handler.decrypt(tampered)).getMessage()
            .contains("wrong key or tampered cipher text"));
        assertTrue(assertThrows(DecryptException.class,
            () -> handler.decrypt("not base64 at all!".getBytes(StandardCharsets.US_ASCII))).getMessage()
            .contains("not base64"));
        final byte[] noMagic = Base64.getEncoder().encode(new byte[40]);
        assertTrue(assertThrows(DecryptException.class, () -> handler.decrypt(noMagic)).getMessage()
            .contains("no MFG1 header"));
        final byte[] truncated = Base64.getEncoder().encode("MFG1short".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(DecryptException.class, () -> handler.decrypt(truncated)).getMessage()
            .contains("decodedBytes=9"));
        assertThrows(DecryptException.class, () -> handler.decrypt(null));
    }

    @Test
    void shouldRejectKeyFilesThatHoldNo32ByteKey() throws IOException {
        final Path sixteen = keyFile("16.key", new byte[16]);
        Fixtures.refused(() -> new AesGcmDecryptHandler(sixteen),
            "aes-gcm key file must hold 32 raw bytes or their base64: file=" + sixteen, "sizeBytes=16");
        final Path shortBase64 = keyFile("short.b64", Base64.getEncoder().encode(new byte[16]));
        Fixtures.refused(() -> new AesGcmDecryptHandler(shortBase64), "file=" + shortBase64, "decodedBytes=16");
        final Path garbage = keyFile("garbage.key",
            "this is no key, not even base64".getBytes(StandardCharsets.US_ASCII));
        Fixtures.refused(() -> new AesGcmDecryptHandler(garbage), "file=" + garbage, "base64=invalid");
        final Path empty = keyFile("empty.key", new byte[0]);
        Fixtures.refused(() -> new AesGcmDecryptHandler(empty), "file=" + empty, "sizeBytes=0");
        final Path missing = dir.resolve("missing.key");
        Fixtures.refused(() -> new AesGcmDecryptHandler(missing), "tls file missing: file=" + missing);
        Fixtures.refused(() -> new AesGcmDecryptHandler(null), "keyFile=null");
    }

    @Test
    void shouldRejectBadEncryptArguments() {
        Fixtures.refused(() -> AesGcmDecryptHandler.encrypt(new byte[16], "pw".toCharArray()), "keyBytes=16");
        Fixtures.refused(() -> AesGcmDecryptHandler.encrypt(null, "pw".toCharArray()), "keyBytes=null");
        Fixtures.refused(() -> AesGcmDecryptHandler.encrypt(new byte[32], new char[0]), "passwordChars=0");
        Fixtures.refused(() -> AesGcmDecryptHandler.encrypt(new byte[32], new char[] {'\uD800'}), "surrogate");
    }

    @Test
    void shouldLeaveThePasswordArgumentIntact() {
        final char[] password = PASSWORD.toCharArray();
        AesGcmDecryptHandler.encrypt(AesGcmDecryptHandler.newKey(), password);
        assertEquals(PASSWORD, new String(password));
    }

    private static AesGcmDecryptComponent.Config config(final String keyFile) {
        return new AesGcmDecryptComponent.Config() {
            @Override
            public String keyFile() {
                return keyFile;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return AesGcmDecryptComponent.Config.class;
            }
        };
    }

    @Test
    void shouldAdaptTheHandlerAsAComponentAndNameThePidOnBadConfig() throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final Path file = keyFile("component.key", key);
        final AesGcmDecryptComponent component = new AesGcmDecryptComponent(config(file.toString()));
        assertEquals(PASSWORD, new String(component.decrypt(AesGcmDecryptHandler.encrypt(key,
            PASSWORD.toCharArray()))));
        Fixtures.refused(() -> new AesGcmDecryptComponent(config("")),
            "org.memfabric.security.tls.aesgcm: keyFile must be set");
        final TlsConfigException e = assertThrows(TlsConfigException.class,
            () -> new AesGcmDecryptComponent(config(dir.resolve("nope.key").toString())));
        assertTrue(e.getMessage().startsWith("org.memfabric.security.tls.aesgcm: tls file missing"), e.getMessage());
    }
}
