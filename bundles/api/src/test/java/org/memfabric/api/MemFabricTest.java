package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.memfabric.api.log.FabricLog;
import org.memfabric.api.log.LogLevel;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

class MemFabricTest {
    private static final String TLS_INFO = "tlsCaPath: /etc/ssl/certs/; tlsCert: /etc/ssl/certs/server.crt; "
        + "tlsCaFile: ca1.pem";

    @AfterEach
    void resetGlobalState() {
        MemFabric.uninit();
        FabricLog.setLevel(LogLevel.ERROR);
        FabricLog.clearExternalLogger();
        LastError.set("");
    }

    @Test
    void shouldBeInitialisedBetweenInitAndUninit() {
        MemFabric.uninit();
        assertFalse(MemFabric.isInitialized());
        MemFabric.init(0);
        assertTrue(MemFabric.isInitialized());
        MemFabric.init(5);
        assertTrue(MemFabric.isInitialized(), "a second init is a no-op success");
        assertEquals(5, MemFabric.initFlags());
        MemFabric.uninit();
        assertFalse(MemFabric.isInitialized());
        MemFabric.uninit();
        assertFalse(MemFabric.isInitialized(), "uninit without init is safe");
    }

    @Test
    void shouldSetTheLogLevelFromItsNumber() {
        MemFabric.setLogLevel(1);
        assertSame(LogLevel.INFO, FabricLog.level());
        MemFabric.setLogLevel(LogLevel.WARN);
        assertSame(LogLevel.WARN, FabricLog.level());
    }

    @Test
    void shouldRejectALogLevelOutsideZeroToThreeAndKeepTheOldOne() {
        MemFabric.setLogLevel(2);
        Expect.invalid(() -> MemFabric.setLogLevel(4), "level=4");
        Expect.invalid(() -> MemFabric.setLogLevel(-1), "level=-1");
        assertSame(LogLevel.WARN, FabricLog.level());
    }

    @Test
    void shouldRejectANullExternLogger() {
        Expect.invalid(() -> MemFabric.setExternLogger(null), "logger=null");
    }

    @Test
    void shouldDeliverLinesToTheExternLoggerInstalledThroughTheFacade() {
        final List<String> lines = new ArrayList<>();
        MemFabric.setExternLogger((level, message) -> lines.add(level + " " + message));
        FabricLog.log(LogLevel.ERROR, "bm", "copy failed");
        assertEquals(List.of("ERROR copy failed"), lines);
    }

    @Test
    void shouldParseTlsInfoWhenTlsIsEnabled() {
        MemFabric.setConfStoreTls(true, TLS_INFO);
        final TlsSettings s = MemFabric.tlsSettings();
        assertTrue(s.enabled());
        assertEquals(Paths.get("/etc/ssl/certs/server.crt"), s.info().orElseThrow().certFile());
    }

    @Test
    void shouldIgnoreTheTlsInfoWhenTlsIsDisabled() {
        MemFabric.setConfStoreTls(false, "not a tls info string at all");
        assertFalse(MemFabric.tlsSettings().enabled());
        assertTrue(MemFabric.tlsSettings().info().isEmpty());
    }

    @Test
    void shouldRejectBadTlsInfoAndLeaveThePreviousSettingsUnchanged() {
        MemFabric.setConfStoreTls(true, TLS_INFO);
        final DecryptHandler handler = DecryptHandler.passThrough();
        MemFabric.setConfigStoreTlsKey(bytes("KEY"), bytes("pw"), handler);
        final TlsSettings before = MemFabric.tlsSettings();

        Expect.invalid(() -> MemFabric.setConfStoreTls(true, "tlsCaPath: /ca; bogus: 1"), "key=bogus");
        Expect.invalid(() -> MemFabric.setConfStoreTls(true, ""), "tls_info");

        final TlsSettings after = MemFabric.tlsSettings();
        assertSame(before, after);
        assertTrue(after.enabled());
        assertEquals(Paths.get("/etc/ssl/certs"), after.info().orElseThrow().caDir());
        assertArrayEquals(bytes("KEY"), after.key().orElseThrow().privateKeyPem(), "the key must not be zeroed");
    }

    @Test
    void shouldKeepKeyAndHandlerWhenTlsIsSwitchedLater() {
        final DecryptHandler handler = cipher -> new char[] {'x'};
        MemFabric.setConfigStoreTlsKey(bytes("KEY"), bytes("pw"), handler);
        MemFabric.setConfStoreTls(true, TLS_INFO);
        final TlsSettings s = MemFabric.tlsSettings();
        assertTrue(s.enabled());
        assertSame(handler, s.decryptHandler());
        assertArrayEquals(bytes("KEY"), s.key().orElseThrow().privateKeyPem());
    }

    @Test
    void shouldCopyTheKeyMaterialGivenToSetConfigStoreTlsKey() {
        final byte[] key = bytes("-----BEGIN PRIVATE KEY-----");
        final byte[] password = bytes("secret");
        MemFabric.setConfigStoreTlsKey(key, password, DecryptHandler.passThrough());
        Arrays.fill(key, (byte) 'z');
        Arrays.fill(password, (byte) 'z');
        final TlsKey stored = MemFabric.tlsSettings().key().orElseThrow();
        assertArrayEquals(bytes("-----BEGIN PRIVATE KEY-----"), stored.privateKeyPem());
        assertArrayEquals(bytes("secret"), stored.encryptedPassword());
    }

    @Test
    void shouldZeroTheKeyMaterialOnUninit() {
        MemFabric.setConfigStoreTlsKey(bytes("KEY"), bytes("pw"), DecryptHandler.passThrough());
        MemFabric.setConfStoreTls(true, TLS_INFO);
        final TlsKey stored = MemFabric.tlsSettings().key().orElseThrow();
        MemFabric.uninit();
        assertArrayEquals(new byte[3], stored.privateKeyPem());
        assertArrayEquals(new byte[2], stored.encryptedPassword());
        assertSame(TlsSettings.DISABLED, MemFabric.tlsSettings());
    }

    @Test
    void shouldZeroThePreviousKeyWhenANewOneIsSet() {
        MemFabric.setConfigStoreTlsKey(bytes("OLD"), bytes("pw"), DecryptHandler.passThrough());
        final TlsKey old = MemFabric.tlsSettings().key().orElseThrow();
        MemFabric.setConfigStoreTlsKey(bytes("NEW"), bytes("pw2"), DecryptHandler.passThrough());
        assertArrayEquals(new byte[3], old.privateKeyPem());
        assertArrayEquals(bytes("NEW"), MemFabric.tlsSettings().key().orElseThrow().privateKeyPem());
    }

    @Test
    void shouldRejectAnEmptyKeyAndKeepThePreviousOne() {
        MemFabric.setConfigStoreTlsKey(bytes("OLD"), bytes("pw"), DecryptHandler.passThrough());
        Expect.invalid(() -> MemFabric.setConfigStoreTlsKey(new byte[0], bytes("pw"), DecryptHandler.passThrough()),
            "tls_pk_len=0");
        Expect.invalid(() -> MemFabric.setConfigStoreTlsKey(bytes("K"), bytes("pw"), null), "decryptHandler=null");
        assertArrayEquals(bytes("OLD"), MemFabric.tlsSettings().key().orElseThrow().privateKeyPem());
    }

    @Test
    void shouldRegisterTheDecryptHandlerAndRejectNull() {
        final DecryptHandler handler = cipher -> new char[0];
        MemFabric.registerDecryptHandler(handler);
        assertSame(handler, MemFabric.tlsSettings().decryptHandler());
        Expect.invalid(() -> MemFabric.registerDecryptHandler(null), "decryptHandler=null");
        assertSame(handler, MemFabric.tlsSettings().decryptHandler());
    }

    @Test
    void shouldApplyAValidSslOptionAndRejectAnIncompleteOne() {
        final DecryptHandler handler = cipher -> new char[0];
        final TlsOption option = new TlsOption().enabled(true).caFile(Paths.get("/ca.pem"))
            .certFile(Paths.get("/cert.pem")).keyFile(Paths.get("/key.pem")).decryptHandler(handler);
        MemFabric.setSslOption(option);
        assertTrue(MemFabric.tlsSettings().enabled());
        final TlsOption stored = MemFabric.tlsSettings().option().orElseThrow();
        assertEquals(Paths.get("/ca.pem"), stored.caFile());
        assertSame(handler, MemFabric.tlsSettings().decryptHandler());
        option.caFile(Paths.get("/other.pem"));
        assertEquals(Paths.get("/ca.pem"), MemFabric.tlsSettings().option().orElseThrow().caFile(),
            "the stored settings must be a snapshot, not the caller's mutable option");

        final TlsSettings before = MemFabric.tlsSettings();
        Expect.invalid(() -> MemFabric.setSslOption(new TlsOption().enabled(true)), "caFile=null");
        Expect.invalid(() -> MemFabric.setSslOption(null), "tlsOption=null");
        assertSame(before, MemFabric.tlsSettings());
    }

    @Test
    void shouldNameTheMissingBundleWhenNoModuleImplementationIsInstalled() {
        assertMissing(MemFabric::bigMemory, "org.memfabric.api.bm.BigMemoryService", "org.memfabric.bm");
        assertMissing(MemFabric::shareMemory, "org.memfabric.api.shm.ShareMemoryService", "org.memfabric.shm");
        assertMissing(MemFabric::transfer, "org.memfabric.api.trans.TransferService", "org.memfabric.trans");
        assertMissing(MemFabric::configStores, "org.memfabric.api.store.ConfigStoreService",
            "org.memfabric.configstore");
    }

    @Test
    void shouldNameTheMissingConfigStoreBundleWhenCreatingAStore() {
        assertMissing(() -> MemFabric.createConfigStore("tcp://127.0.0.1:0"), "ConfigStoreService",
            "org.memfabric.configstore");
    }

    @Test
    void shouldRejectABadStoreUrlBeforeLookingForTheConfigStore() {
        Expect.invalid(() -> MemFabric.createConfigStore("127.0.0.1:5124"), "url=127.0.0.1:5124");
    }

    @Test
    void shouldFindARegisteredServiceAndForgetItWhenUnregistered() {
        final RecordingStoreService service = new RecordingStoreService();
        FabricServices.register(ConfigStoreService.class, service);
        try {
            assertSame(service, MemFabric.configStores());
            FabricServices.unregister(ConfigStoreService.class, new RecordingStoreService());
            assertSame(service, MemFabric.configStores(), "only the registered instance may unregister itself");
        } finally {
            FabricServices.unregister(ConfigStoreService.class, service);
        }
        assertThrows(NotSupportedException.class, MemFabric::configStores);
    }

    @Test
    void shouldStopTheStoresItCreatedOnUninit() {
        final RecordingStoreService service = new RecordingStoreService();
        FabricServices.register(ConfigStoreService.class, service);
        try {
            final ConfigStoreServer server = MemFabric.createConfigStore("tcp://[::1]:0");
            assertEquals(StoreUrl.parseListen("tcp://[::1]:0"), server.url());
            assertFalse(service.tlsRequested);
            assertEquals(0, service.closed.get());
            MemFabric.uninit();
            assertEquals(1, service.closed.get());
            MemFabric.uninit();
            assertEquals(1, service.closed.get(), "a store is stopped once");
        } finally {
            FabricServices.unregister(ConfigStoreService.class, service);
        }
    }

    @Test
    void shouldAskForTlsStoresWhenConfStoreTlsIsOn() {
        final RecordingStoreService service = new RecordingStoreService();
        FabricServices.register(ConfigStoreService.class, service);
        try {
            MemFabric.setConfStoreTls(true, TLS_INFO);
            MemFabric.createConfigStore("tcp://127.0.0.1:0");
            assertTrue(service.tlsRequested);
        } finally {
            FabricServices.unregister(ConfigStoreService.class, service);
        }
    }

    private static void assertMissing(final Executable lookup, final String service, final String bundle) {
        LastError.set("");
        final NotSupportedException e = assertThrows(NotSupportedException.class, lookup);
        assertEquals(ErrorCode.SM_NOT_SUPPORTED, e.errorCode());
        assertTrue(e.getMessage().contains(service), e.getMessage());
        assertTrue(e.getMessage().contains("providedBy=" + bundle), e.getMessage());
        assertEquals(e.getMessage(), LastError.get());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A config store service whose servers only record that they were closed. */
    private static final class RecordingStoreService implements ConfigStoreService {
        final AtomicInteger closed = new AtomicInteger();
        boolean tlsRequested;

        @Override
        public ConfigStoreServer startServer(final StoreUrl listen, final StoreServerOptions options) {
            tlsRequested = options.tls().enabled();
            return new ConfigStoreServer() {
                private boolean open = true;

                @Override
                public StoreUrl url() {
                    return listen;
                }

                @Override
                public int linkCount() {
                    return 0;
                }

                @Override
                public void close() {
                    if (open) {
                        open = false;
                        closed.incrementAndGet();
                    }
                }
            };
        }

        @Override
        public ConfigStore connect(final StoreUrl url, final StoreClientOptions options) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }

    @Test
    void shouldReturnADifferentSnapshotAfterEachChange() {
        final TlsSettings first = MemFabric.tlsSettings();
        MemFabric.registerDecryptHandler(DecryptHandler.passThrough());
        assertNotSame(first, MemFabric.tlsSettings());
    }
}
