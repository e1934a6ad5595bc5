package org.memfabric.configstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabric;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.security.tls.AesGcmDecryptHandler;
import org.memfabric.security.tls.DevPki;

/**
 * The static facade without OSGi: {@code createConfigStore} finds this module through ServiceLoader, honours the
 * process-wide TLS settings ({@code tls_info} + key + decrypt handler), and {@code uninit} stops what it started.
 */
class FacadeTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        MemFabric.uninit();
    }

    @Test
    void createConfigStoreRunsARealServerUntilUninit() {
        final ConfigStoreServer server = MemFabric.createConfigStore("tcp://127.0.0.1:0");
        final ConfigStore client = MemFabric.configStores().connect(server.url(),
            StoreFixture.quick().reconnectTimeout(Duration.ofMillis(200)));
        client.set("facade", new byte[] {4, 2});
        assertArrayEquals(new byte[] {4, 2}, client.get("facade", Duration.ZERO));
        MemFabric.uninit();
        assertThrows(StoreException.class, () -> client.set("facade", new byte[] {1}));
        client.close();
        final InvalidArgumentException bad =
            assertThrows(InvalidArgumentException.class, () -> MemFabric.createConfigStore("tcp://1.2.3:7"));
        assertEquals(bad.getMessage(), LastError.get());
    }

    @Test
    void tlsInfoAndAnAesGcmProtectedKeyAreReallyUsed() throws Exception {
        final char[] password = "s3cret-pw".toCharArray();
        final DevPki pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC).keyPassword(password));
        final byte[] aesKey = AesGcmDecryptHandler.newKey();
        final Path keyFile = Files.write(dir.resolve("aes.key"), aesKey);
        final DecryptHandler handler = new AesGcmDecryptHandler(keyFile);
        MemFabric.setConfStoreTls(true, "tlsCaPath: " + dir + "; tlsCert: " + pki.serverCertFile()
            + "; tlsCaFile: " + pki.caCertFile().getFileName());
        MemFabric.setConfigStoreTlsKey(Files.readAllBytes(pki.serverKeyFile()),
            AesGcmDecryptHandler.encrypt(aesKey, password), handler);
        final ConfigStoreServer server = MemFabric.createConfigStore("tcp://127.0.0.1:0");
        try (ConfigStore tlsClient = MemFabric.configStores().connect(server.url(),
            StoreFixture.quick().tls(MemFabric.tlsSettings()))) {
            tlsClient.set("secure", new byte[] {9});
            assertArrayEquals(new byte[] {9}, tlsClient.get("secure", Duration.ZERO));
        }
        final StoreException plain = assertThrows(StoreException.class, () -> MemFabric.configStores()
            .connect(server.url(), StoreFixture.quick().connectTimeout(Duration.ofMillis(500))));
        assertTrue(plain.getMessage().contains("TLS"), plain.getMessage());
    }
}
