package org.memfabric.api.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class TlsKeyTest {
    @Test
    void shouldHoldCopiesOfKeyAndPassword() {
        final byte[] key = "PEM".getBytes(StandardCharsets.US_ASCII);
        final byte[] password = "pw".getBytes(StandardCharsets.US_ASCII);
        final DecryptHandler handler = DecryptHandler.passThrough();
        final TlsKey k = new TlsKey(key, password, handler);
        key[0] = 'X';
        password[0] = 'X';
        assertArrayEquals("PEM".getBytes(StandardCharsets.US_ASCII), k.privateKeyPem());
        assertArrayEquals("pw".getBytes(StandardCharsets.US_ASCII), k.encryptedPassword());
        k.privateKeyPem()[0] = 'Y';
        assertArrayEquals("PEM".getBytes(StandardCharsets.US_ASCII), k.privateKeyPem(), "getters return copies");
        assertSame(handler, k.decryptHandler());
    }

    @Test
    void shouldTreatANullPasswordAsAnUnencryptedKey() {
        assertEquals(0, new TlsKey(new byte[] {1}, null, DecryptHandler.passThrough()).encryptedPassword().length);
    }

    @Test
    void shouldZeroKeyAndPasswordOnDestroy() {
        final TlsKey k = new TlsKey(new byte[] {1, 2, 3}, new byte[] {4, 5}, DecryptHandler.passThrough());
        k.destroy();
        assertArrayEquals(new byte[3], k.privateKeyPem());
        assertArrayEquals(new byte[2], k.encryptedPassword());
    }

    @Test
    void shouldRejectAnEmptyKeyOrAMissingHandler() {
        Expect.invalid(() -> new TlsKey(null, null, DecryptHandler.passThrough()), "tls_pk_len=null");
        Expect.invalid(() -> new TlsKey(new byte[0], null, DecryptHandler.passThrough()), "tls_pk_len=0");
        Expect.invalid(() -> new TlsKey(new byte[] {1}, null, null), "decryptHandler=null");
    }

    @Test
    void shouldRoundTripAUtf8PasswordThroughThePassThroughHandler() {
        final String password = "pässwörd-密码-🔑";
        final char[] plain = DecryptHandler.passThrough().decrypt(password.getBytes(StandardCharsets.UTF_8));
        assertEquals(password, new String(plain));
        assertEquals(0, DecryptHandler.passThrough().decrypt(new byte[0]).length);
    }

    @Test
    void shouldRequireTheFilesOfAnEnabledTlsOption() {
        final TlsOption disabled = new TlsOption();
        assertSame(disabled, disabled.validate());
        Expect.invalid(() -> new TlsOption().enabled(true).validate(), "caFile=null");
        Expect.invalid(() -> new TlsOption().enabled(true).caFile(Paths.get("/ca")).validate(), "certFile=null");
        Expect.invalid(() -> new TlsOption().enabled(true).caFile(Paths.get("/ca")).certFile(Paths.get("/c"))
            .validate(), "keyFile=null");
        final TlsOption full = new TlsOption().enabled(true).caFile(Paths.get("/ca")).certFile(Paths.get("/c"))
            .keyFile(Paths.get("/k"));
        assertSame(full, full.validate());
        assertFalse(full.crlFile().isPresent());
        assertFalse(full.keyPasswordFile().isPresent());
        assertTrue(full.crlFile(Paths.get("/crl")).crlFile().isPresent());
        Expect.invalid(() -> new TlsOption().decryptHandler(null), "decryptHandler=null");
    }

    @Test
    void shouldStartDisabledWithNothingConfigured() {
        final TlsSettings s = TlsSettings.DISABLED;
        assertFalse(s.enabled());
        assertFalse(s.info().isPresent());
        assertFalse(s.key().isPresent());
        assertFalse(s.option().isPresent());
        assertEquals("x", new String(s.decryptHandler().decrypt(new byte[] {'x'})));
    }
}
