package org.memfabric.api;

import java.util.ArrayList;
import java.util.List;

import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.log.ExternalLogger;
import org.memfabric.api.log.FabricLog;
import org.memfabric.api.log.LogLevel;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.api.trans.TransferService;

/**
 * The common functions of the C API ({@code smem_*}) and of the Python module {@code memfabric_hybrid}, plus the
 * entry points to the modules.
 *
 * <pre>{@code
 * MemFabric.init(0);
 * MemFabric.setLogLevel(LogLevel.INFO);
 * BigMemoryService bm = MemFabric.bigMemory();
 * bm.init("tcp://127.0.0.1:5124", 2, 0, bm.configInit().rankId(0));
 * }</pre>
 *
 * <p>In OSGi, prefer injecting {@link BigMemoryService}, {@link ShareMemoryService}, {@link TransferService} and
 * {@link ConfigStoreService}; the facade returns the same objects. All methods are thread-safe.
 */
public final class MemFabric {
    private static final Object LOCK = new Object();
    private static boolean initialized;
    private static int initFlags;
    private static volatile TlsSettings tls = TlsSettings.DISABLED;
    private static final List<ConfigStoreServer> STORES = new ArrayList<>();

    private MemFabric() {
    }

    /**
     * Initialises the runtime ({@code smem_init}). Idempotent.
     *
     * @param flags reserved, 0
     */
    public static void init(final int flags) {
        synchronized (LOCK) {
            initialized = true;
            initFlags = flags;
        }
    }

    /**
     * Leaves the runtime ({@code smem_uninit}): stops the stores created by {@link #createConfigStore}, forgets the
     * TLS settings (zeroing key material). Safe without init.
     */
    public static void uninit() {
        final List<ConfigStoreServer> toClose;
        synchronized (LOCK) {
            initialized = false;
            toClose = new ArrayList<>(STORES);
            STORES.clear();
            tls.key().ifPresent(TlsKey::destroy);
            tls = TlsSettings.DISABLED;
        }
        for (final ConfigStoreServer server : toClose) {
            server.close();
        }
    }

    /**
     * Whether {@link #init} was called (and not undone by {@link #uninit}).
     *
     * @return true when initialised
     */
    public static boolean isInitialized() {
        synchronized (LOCK) {
            return initialized;
        }
    }

    /**
     * The flags given to {@link #init}.
     *
     * @return the flags
     */
    public static int initFlags() {
        synchronized (LOCK) {
            return initFlags;
        }
    }

    /**
     * Sets the log level ({@code smem_set_log_level}).
     *
     * @param level 0 debug, 1 info, 2 warn, 3 error
     */
    public static void setLogLevel(final int level) {
        FabricLog.setLevel(LogLevel.of(level));
    }

    /**
     * Sets the log level.
     *
     * @param level the level
     */
    public static void setLogLevel(final LogLevel level) {
        FabricLog.setLevel(level);
    }

    /**
     * Installs a log function ({@code smem_set_extern_logger}), replacing any previous one.
     *
     * @param logger the function; null is rejected
     */
    public static void setExternLogger(final ExternalLogger logger) {
        FabricLog.setExternalLogger(logger);
    }

    /**
     * The calling thread's last error ({@code smem_get_last_err_msg}).
     *
     * @return the message, or an empty string
     */
    public static String getLastErrMsg() {
        return LastError.get();
    }

    /**
     * The calling thread's last error, then cleared ({@code smem_get_and_clear_last_err_msg}).
     *
     * @return the message, or an empty string
     */
    public static String getAndClearLastErrMsg() {
        return LastError.getAndClear();
    }

    /**
     * Turns config store TLS on or off ({@code smem_set_conf_store_tls}). When enabling, the {@code tls_info}
     * string is parsed at once and errors name the offending key; when disabling it is ignored.
     *
     * @param enable whether TLS is on
     * @param tlsInfo the {@code tls_info} string (see {@link TlsInfo})
     */
    public static void setConfStoreTls(final boolean enable, final String tlsInfo) {
        final TlsInfo info = enable ? TlsInfo.parse(tlsInfo) : null;
        synchronized (LOCK) {
            final TlsSettings old = tls;
            tls = new TlsSettings(enable, info, old.key().orElse(null), old.decryptHandler(),
                old.option().orElse(null));
        }
    }

    /**
     * Sets the private key, its encrypted password and the handler that decrypts it
     * ({@code smem_set_config_store_tls_key}, Python {@code set_conf_store_tls_key}). The arrays are copied; the
     * previous key material is zeroed.
     *
     * @param privateKeyPem the PEM key
     * @param encryptedPassword the encrypted password (empty for an unencrypted key)
     * @param handler the decrypt handler
     */
    public static void setConfigStoreTlsKey(
        final byte[] privateKeyPem, final byte[] encryptedPassword, final DecryptHandler handler) {
        final TlsKey key = new TlsKey(privateKeyPem, encryptedPassword, handler);
        synchronized (LOCK) {
            final TlsSettings old = tls;
            old.key().ifPresent(TlsKey::destroy);
            tls = new TlsSettings(old.enabled(), old.info().orElse(null), key, handler, old.option().orElse(null));
        }
    }

    /**
     * Registers the decrypt handler used for key passwords (Python {@code register_decrypt_handler}).
     *
     * @param handler the handler
     */
    public static void registerDecryptHandler(final DecryptHandler handler) {
        Validate.notNull("decryptHandler", handler);
        synchronized (LOCK) {
            final TlsSettings old = tls;
            tls = new TlsSettings(old.enabled(), old.info().orElse(null), old.key().orElse(null), handler,
                old.option().orElse(null));
        }
    }

    /**
     * Sets path-based TLS options ({@code smem_set_ssl_option}); enables or disables TLS as the option says.
     *
     * @param option the option; validated
     */
    public static void setSslOption(final TlsOption option) {
        final TlsOption snapshot = Validate.notNull("tlsOption", option).copy().validate();
        synchronized (LOCK) {
            final TlsSettings old = tls;
            tls = new TlsSettings(option.enabled(), old.info().orElse(null), old.key().orElse(null),
                snapshot.decryptHandler(), snapshot);
        }
    }

    /**
     * The current TLS settings.
     *
     * @return an immutable snapshot
     */
    public static TlsSettings tlsSettings() {
        return tls;
    }

    /**
     * Starts a stand-alone config store server in this process ({@code smem_create_config_store}, Python
     * {@code create_config_store}). It runs until {@link ConfigStoreServer#close()} or {@link #uninit()}.
     *
     * @param storeUrl {@code tcp://ip:port} or {@code tcp://[v6]:port}; port 0 picks a free port
     * @return the running server
     */
    public static ConfigStoreServer createConfigStore(final String storeUrl) {
        final StoreUrl url = StoreUrl.parseListen(storeUrl);
        final ConfigStoreServer server = configStores().startServer(url, new StoreServerOptions().tls(tls));
        synchronized (LOCK) {
            STORES.add(server);
        }
        return server;
    }

    /**
     * The config store module.
     *
     * @return the service
     * @throws NotSupportedException when the {@code org.memfabric.configstore} bundle/jar is missing
     */
    public static ConfigStoreService configStores() {
        return FabricServices.lookup(ConfigStoreService.class, "org.memfabric.configstore");
    }

    /**
     * The BM module.
     *
     * @return the service
     * @throws NotSupportedException when the {@code org.memfabric.bm} bundle/jar is missing
     */
    public static BigMemoryService bigMemory() {
        return FabricServices.lookup(BigMemoryService.class, "org.memfabric.bm");
    }

    /**
     * The SHM module.
     *
     * @return the service
     * @throws NotSupportedException when the {@code org.memfabric.shm} bundle/jar is missing
     */
    public static ShareMemoryService shareMemory() {
        return FabricServices.lookup(ShareMemoryService.class, "org.memfabric.shm");
    }

    /**
     * The TRANS module.
     *
     * @return the service
     * @throws NotSupportedException when the {@code org.memfabric.trans} bundle/jar is missing
     */
    public static TransferService transfer() {
        return FabricServices.lookup(TransferService.class, "org.memfabric.trans");
    }
}
