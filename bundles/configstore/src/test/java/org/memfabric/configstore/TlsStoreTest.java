package org.memfabric.configstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.security.tls.DevPki;
import org.memfabric.security.tls.TlsConfigException;

/** The store over mutual TLS 1.3 with a PKI generated for the test; plaintext and untrusted peers are refused. */
class TlsStoreTest {
    @TempDir
    static Path dir;
    private static DevPki pki;
    private final ConfigStoreServiceImpl service = new ConfigStoreServiceImpl();
    private StoreServer server;
    private ConfigStore trusted;

    @BeforeAll
    static void makePki() throws Exception {
        pki = DevPki.generate(dir, new DevPki.Spec().keyType(DevPki.KeyType.EC).rogueCa(true));
    }

    private static TlsSettings tls(final Path cert, final Path key, final Path ca) {
        final TlsOption option = new TlsOption().enabled(true).caFile(ca).certFile(cert).keyFile(key);
        return new TlsSettings(true, null, null, DecryptHandler.passThrough(), option);
    }

    private static StoreClientOptions client(final TlsSettings tls) {
        return StoreFixture.quick().tls(tls).connectTimeout(Duration.ofSeconds(2));
    }

    @BeforeEach
    void start() {
        final StoreServerOptions options = new StoreServerOptions().handshakeTimeout(Duration.ofSeconds(1))
            .tls(tls(pki.serverCertFile(), pki.serverKeyFile(), pki.caCertFile()));
        server = StoreServer.start(StoreFixture.loopback(0), options, ConfigStoreServiceImpl.security(options.tls()));
        trusted = service.connect(server.url(), client(tls(pki.clientCertFile(), pki.clientKeyFile(), pki.caCertFile())));
        trusted.set("kept", "safe".getBytes(UTF_8));
    }

    @AfterEach
    void stop() {
        service.close();
        server.close();
    }

    @Test
    void twoTlsClientsTalkThroughATlsServer() {
        try (ConfigStore other = service.connect(server.url(),
            client(tls(pki.clientCertFile(), pki.clientKeyFile(), pki.caCertFile())))) {
            other.set("greeting", "over tls".getBytes(UTF_8));
            assertArrayEquals("over tls".getBytes(UTF_8), trusted.get("greeting", Duration.ofSeconds(1)));
        }
        assertTrue(server.isTls());
    }

    @Test
    void asyncCallsOverTlsCompleteOnTheLinksReaderAndPipeline() throws Exception {
        final java.util.List<java.util.concurrent.CompletableFuture<Long>> adds = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            adds.add(trusted.addAsync("tls-counter", 1));
        }

        for (int i = 0; i < adds.size(); i++) {
            assertEquals(i + 1L, adds.get(i).get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        final java.util.concurrent.CompletableFuture<String> parked = trusted.getAsync("later", Duration.ofSeconds(10))
            .thenApply(v -> Thread.currentThread().getName());
        trusted.set("later", "now".getBytes(UTF_8));
        final String completer = parked.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(completer.startsWith("memfabric-store-reader-"), "completed by the TLS link's reader: " + completer);
    }

    @Test
    void aPlaintextClientIsRefusedWithAClearErrorAndOthersKeepWorking() {
        final StoreException e = assertThrows(StoreException.class,
            () -> service.connect(server.url(), client(TlsSettings.DISABLED)));
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertArrayEquals("safe".getBytes(UTF_8), trusted.get("kept", Duration.ZERO));
    }

    @Test
    void aClientWithAnUntrustedCertificateIsRefusedAndOthersKeepWorking() {
        final StoreException e = assertThrows(StoreException.class, () -> service.connect(server.url(),
            client(tls(pki.rogueClientCertFile().orElseThrow(), pki.rogueClientKeyFile().orElseThrow(),
                pki.caCertFile()))));
        assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        assertArrayEquals("safe".getBytes(UTF_8), trusted.get("kept", Duration.ZERO));
        assertTrue(server.counters().get("handshakeFailures") >= 1);
    }

    @Test
    void aTlsClientAgainstAPlaintextServerFailsClearly() {
        try (StoreServer plain = StoreServer.start(StoreFixture.loopback(0), new StoreServerOptions(),
            org.memfabric.configstore.wire.LinkSecurity.PLAINTEXT)) {
            final StoreException e = assertThrows(StoreException.class, () -> service.connect(plain.url(),
                client(tls(pki.clientCertFile(), pki.clientKeyFile(), pki.caCertFile()))));
            assertEquals(ErrorCode.STORE_IO_ERROR, e.errorCode());
        }
    }

    @Test
    void badTlsMaterialFailsAtStartNamingTheFile() {
        final Path missing = dir.resolve("missing.pem");
        final TlsConfigException e = assertThrows(TlsConfigException.class,
            () -> service.startServer(StoreFixture.loopback(0),
                new StoreServerOptions().tls(tls(missing, pki.serverKeyFile(), pki.caCertFile()))));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
