package org.memfabric.trans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.memfabric.api.FabricServices;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabric;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.Validate;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferService;
import org.memfabric.configstore.roles.StoreRoles;
import org.memfabric.configstore.roles.StoreSession;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The TRANS module ({@code smem_trans_*}): {@link #init} marks the module ready, {@link #create} opens the engine's
 * own config-store session (starting the embedded store when {@link TransConfig#startConfigServer()} says so and the
 * store address is local) and builds a {@link TransferEngineImpl} over this module's transports. Arguments are
 * checked first ({@code SM_INVALID_PARAM}), then state ({@code SM_NOT_INITIALIZED}), as the original does.
 * Thread-safe: module state is guarded by this object's lock.
 */
public final class TransferServiceImpl implements TransferService {
    private static final FabricLogger LOG = FabricLogger.of("trans");

    private final Supplier<ConfigStoreService> stores;
    private final TransportCatalog catalog;
    private final RpcPortReserver ports = new RpcPortReserver();
    private final Map<String, TransferEngineImpl> engines = new LinkedHashMap<>();
    private TransConfig config;

    /** Creates the module for plain Java use: the store module and transports are found with ServiceLoader. */
    public TransferServiceImpl() {
        this(() -> FabricServices.lookup(ConfigStoreService.class, "org.memfabric.configstore"),
            TransportCatalog.discover());
    }

    /**
     * Creates the module over given services (the DS component and tests).
     *
     * @param stores supplies the config store module
     * @param catalog the transports, which may come and go
     */
    TransferServiceImpl(final Supplier<ConfigStoreService> stores, final TransportCatalog catalog) {
        this.stores = stores;
        this.catalog = catalog;
    }

    TransportCatalog catalog() {
        return catalog;
    }

    @Override
    public void init(final TransConfig config) {
        call(() -> {
            Validate.notNull("config", config);
            synchronized (this) {
                if (this.config != null) {
                    LOG.info("trans init again ignored");
                    return null;
                }
                this.config = copy(config);
                LOG.info("trans init: role=" + config.role() + ", transports=" + catalog.byPriority().size());
            }
            return null;
        });
    }

    @Override
    public void uninit(final int flags) {
        final List<TransferEngineImpl> open;
        synchronized (this) {
            open = new ArrayList<>(engines.values());
        }
        for (final TransferEngineImpl e : open) {
            e.destroy(0);
        }
        synchronized (this) {
            engines.clear();
            config = null;
        }
        ports.releaseAll();
    }

    @Override
    public synchronized boolean isInitialized() {
        return config != null;
    }

    @Override
    public TransferEngine create(final String storeUrl, final String uniqueId, final TransConfig config) {
        return call(() -> {
            final StoreUrl url = StoreUrl.parse(storeUrl);
            final UniqueId id = UniqueId.parse(uniqueId);
            Validate.notNull("config", config);
            if (config.role() == TransRole.NONE) {
                throw new InvalidArgumentException("trans role NONE can neither send nor receive, use SENDER, "
                    + "RECEIVER or BOTH: uniqueId=" + id + ", role=NONE");
            }
            final TransConfig c = copy(config);
            synchronized (this) {
                if (this.config == null) {
                    throw new NotInitializedException("trans not initialized: call init first, uniqueId=" + id);
                }
            }
            EngineRegistry.claim(id.text());
            try {
                final StoreSession session = openStore(url, c);
                try {
                    final TransferEngineImpl engine = new TransferEngineImpl(id, c.role(), session, catalog,
                        DataOpKind.allowedByBm(c.dataOpTypes()), c.operationTimeout().toMillis(),
                        () -> forget(id.text()));
                    synchronized (this) {
                        engines.put(id.text(), engine);
                    }
                    return engine;
                } catch (final RuntimeException e) {
                    session.close();
                    throw e;
                }
            } catch (final RuntimeException e) {
                EngineRegistry.release(id.text());
                throw e;
            }
        });
    }

    private StoreSession openStore(final StoreUrl url, final TransConfig c) {
        final TlsSettings tls = MemFabric.tlsSettings();
        final StoreClientOptions client = new StoreClientOptions().autoRanking(true).connectTimeout(c.initTimeout())
            .requestTimeout(c.operationTimeout()).tls(tls);
        return StoreRoles.open(stores.get(), url, c.startConfigServer(), client, new StoreServerOptions().tls(tls));
    }

    private void forget(final String uniqueId) {
        synchronized (this) {
            engines.remove(uniqueId);
        }
        EngineRegistry.release(uniqueId);
    }

    @Override
    public int getRpcPort() {
        return ports.reserve();
    }

    private static TransConfig copy(final TransConfig c) {
        return new TransConfig().role(c.role()).initTimeout(c.initTimeout()).operationTimeout(c.operationTimeout())
            .deviceId(c.deviceId()).flags(c.flags()).dataOpTypes(c.dataOpTypes())
            .startConfigServer(c.startConfigServer());
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }
}
