package org.memfabric.tools.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.security.tls.AesGcmDecryptHandler;
import org.memfabric.security.tls.TlsEndpoint;
import org.memfabric.tools.Captured;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsToolTest {

    @TempDir
    Path dir;

    private static Captured run(final int expectedExit, final String stdin, final String... args) throws Exception {
        final Captured io = new Captured();
        final TlsTool tool = new TlsTool(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expectedExit, tool.run(List.of(args), io.out, io.err), io.describe());
        return io;
    }

    @Test
    void shouldWriteADevPkiWithEncryptedKeysAndRefuseToOverwriteIt() throws Exception {
        final Path pw = Files.writeString(dir.resolve("pw"), "open sesame\n");
        final Path out = dir.resolve("pki");

        final Captured io = run(0, "", "dev-pki", "--out", out.toString(), "--password-file", pw.toString(),
            "--days", "2", "--key-type", "ec");

        assertTrue(io.out().startsWith("dev pki written: dir=" + out.toAbsolutePath()
            + " keyType=ec days=2 encryptedKeys=yes\n"), io.describe());
        for (final String name : List.of("ca.pem", "server.pem", "server.key", "client.pem", "client.key")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertTrue(Files.readString(out.resolve("server.key")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("client.key"))));

        final TlsOption option = new TlsOption().enabled(true).caFile(out.resolve("ca.pem"))
            .certFile(out.resolve("server.pem")).keyFile(out.resolve("server.key")).keyPasswordFile(pw);
        assertTrue(TlsEndpoint.create(new TlsSettings(true, null, null, DecryptHandler.passThrough(), option))
            .describe().contains("CN=memfabric-server"), "the password file, as the store reads it, opens the key");

        final Captured again = run(1, "", "dev-pki", "--out", out.toString(), "--key-type", "ec");
        assertTrue(again.err().contains("refuses to overwrite an existing file"), again.describe());
    }

    @Test
    void shouldEncryptAPasswordFromStandardInputThatTheAesGcmHandlerDecrypts() throws Exception {
        final Path key = dir.resolve("aes.key");

        final Captured io = run(0, "correct horse\n", "encrypt-password", "--key-file", key.toString(), "--new-key");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        final byte[] cipher = io.out().strip().getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("correct horse".toCharArray(), new AesGcmDecryptHandler(key).decrypt(cipher));
        assertTrue(io.err().contains("new key written: file=" + key.toAbsolutePath()), io.describe());
        assertTrue(!io.out().contains("correct horse"), "the password itself is never printed");
    }

    @Test
    void shouldReuseAnExistingKeyFileAndRefuseToReplaceIt() throws Exception {
        final Path key = dir.resolve("aes.key");
        run(0, "one\n", "encrypt-password", "--key-file", key.toString(), "--new-key");
        final byte[] before = Files.readAllBytes(key);

        final Captured io = run(0, "two", "encrypt-password", "--key-file", key.toString());
        assertArrayEquals("two".toCharArray(), new AesGcmDecryptHandler(key).decrypt(io.out().strip()
            .getBytes(StandardCharsets.US_ASCII)));

        final Captured refused = run(1, "three\n", "encrypt-password", "--key-file", key.toString(), "--new-key");
        assertTrue(refused.err().contains("refuses to overwrite an existing key file"), refused.describe());
        assertArrayEquals(before, Files.readAllBytes(key), "nothing already stored is lost");
    }

    @Test
    void shouldExitWith2ForAnEmptyPasswordOrABadCommandLine() throws Exception {
        final Path key = dir.resolve("aes.key");
        assertTrue(run(2, "\n", "encrypt-password", "--key-file", key.toString(), "--new-key").err()
            .startsWith("tls encrypt-password: no password given: stdin"));
        assertTrue(run(2, "", "dev-pki").err().startsWith("tls dev-pki: option missing: option=--out"));
        assertTrue(run(2, "", "dev-pki", "--out", "x", "--days", "0").err()
            .startsWith("tls dev-pki: --days must be 1..36500: value=0"));
        assertTrue(run(2, "", "dev-pki", "--out", "x", "--key-type", "dsa").err()
            .startsWith("tls dev-pki: --key-type must be rsa or ec: value=dsa"));
        assertTrue(run(2, "", "frob").err().startsWith("tls: unknown subcommand: name=frob"));
        assertTrue(run(2, "").err().startsWith("usage: memfabric tls dev-pki"));
    }
}
