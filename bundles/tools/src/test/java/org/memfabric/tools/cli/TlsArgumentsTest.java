package org.memfabric.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.security.tls.AesGcmDecryptHandler;
import org.memfabric.security.tls.TlsConfigException;

class TlsArgumentsTest {

    @TempDir
    Path dir;

    private static TlsSettings settings(final String... args) throws UsageError {
        return TlsArguments.settings(Arguments.parse("store", List.of(args), TlsArguments.VALUE_OPTIONS,
            TlsArguments.FLAG_OPTIONS));
    }

    private static List<String> withFiles(final String... more) {
        final List<String> args = new ArrayList<>(List.of("--tls", "--ca", "ca.pem", "--cert", "c.pem", "--key",
            "c.key"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void shouldBeDisabledWithoutTls() throws Exception {
        assertFalse(settings().enabled());
    }

    @Test
    void shouldBuildAnEnabledOptionFromTheFiles() throws Exception {
        final TlsSettings tls = settings(withFiles("--crl", "crl.pem", "--key-password-file", "pw")
            .toArray(new String[0]));

        assertTrue(tls.enabled());
        final TlsOption option = tls.option().orElseThrow();
        assertTrue(option.enabled());
        assertEquals(Path.of("ca.pem"), option.caFile());
        assertEquals(Path.of("c.pem"), option.certFile());
        assertEquals(Path.of("c.key"), option.keyFile());
        assertEquals(Path.of("crl.pem"), option.crlFile().orElseThrow());
        assertEquals(Path.of("pw"), option.keyPasswordFile().orElseThrow());
        assertEquals("secret", new String(option.decryptHandler().decrypt("secret".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRejectATlsFileOptionWithoutTls() {
        assertEquals("store: tls option needs --tls: option=--ca",
            assertThrows(UsageError.class, () -> settings("--ca", "ca.pem")).getMessage());
    }

    @Test
    void shouldNameTheMissingFileOfTls() {
        assertEquals("store: --tls needs --key FILE: missing=--key",
            assertThrows(UsageError.class, () -> settings("--tls", "--ca", "a", "--cert", "b")).getMessage());
    }

    @Test
    void shouldRequireAKeyFileForAesGcmAndRejectUnknownHandlers() {
        assertEquals("store: --decrypt aes-gcm needs --decrypt-key-file FILE: missing=--decrypt-key-file",
            assertThrows(UsageError.class, () -> settings(withFiles("--decrypt", "aes-gcm", "--key-password-file",
                "pw").toArray(new String[0]))).getMessage());
        assertEquals("store: --decrypt must be passthrough or aes-gcm: value=rot13",
            assertThrows(UsageError.class, () -> settings(withFiles("--decrypt", "rot13").toArray(new String[0])))
                .getMessage());
    }

    @Test
    void shouldDecryptTheKeyPasswordWithTheAesGcmKeyFile() throws Exception {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final Path keyFile = Files.writeString(dir.resolve("aes.key"), Base64.getEncoder().encodeToString(key));
        final byte[] cipher = AesGcmDecryptHandler.encrypt(key, "s3cret".toCharArray());

        final TlsSettings tls = settings(withFiles("--decrypt", "aes-gcm", "--decrypt-key-file", keyFile.toString(),
            "--key-password-file", "pw").toArray(new String[0]));

        assertEquals("s3cret", new String(tls.option().orElseThrow().decryptHandler().decrypt(cipher)));
    }

    @Test
    void shouldRefuseAnAesKeyFileThatHoldsNoKey() throws Exception {
        final Path bad = Files.writeString(dir.resolve("bad.key"), "short");

        final TlsConfigException e = assertThrows(TlsConfigException.class, () -> settings(withFiles("--decrypt",
            "aes-gcm", "--decrypt-key-file", bad.toString(), "--key-password-file", "pw").toArray(new String[0])));

        assertTrue(e.getMessage().contains("file=" + bad), e.getMessage());
    }
}
