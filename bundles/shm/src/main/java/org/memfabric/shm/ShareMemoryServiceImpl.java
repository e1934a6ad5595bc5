package org.memfabric.shm;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.memfabric.api.DuplicateObjectException;
import org.memfabric.api.FabricServices;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabric;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.Validate;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.bm.engine.BmEngine;
import org.memfabric.configstore.roles.StoreRoles;
import org.memfabric.configstore.roles.StoreSession;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The SHM module ({@code smem_shm_*}): init opens this rank's config store session (rank 0 starts the embedded
 * store when so configured); create builds symmetric objects ({@link ShareMemoryImpl}) as BM objects with one
 * device slot per rank ({@link ShmOpener}). Arguments are validated first ({@code SM_INVALID_PARAM}), then state
 * ({@code SM_NOT_INITIALIZED}, {@code SM_DUPLICATED_OBJECT}), as the original does.
 *
 * <p>Thread-safe: state changes under this object's lock; the collective steps of create run outside it (the id is
 * reserved meanwhile), so one thread's create does not block another's uninit or a create of another id.
 */
public final class ShareMemoryServiceImpl implements ShareMemoryService {
    /** Largest symmetric size per rank: 64 GiB. */
    static final long SYMMETRIC_MAX_BYTES = 64L << 30;
    /** How long uninit on the rank hosting the store waits for the other ranks to disconnect. */
    static final Duration STORE_HOST_LINGER = StoreSession.STORE_HOST_LINGER;
    private static final FabricLogger LOG = FabricLogger.of("shm");

    private final Supplier<ConfigStoreService> stores;
    private final TransportCatalog catalog;
    private final DeviceMemoryProvider devices;
    private final Map<Integer, ShareMemoryImpl> objects = new LinkedHashMap<>();
    private final Set<Integer> creating = new HashSet<>();
    private StoreSession session;
    private ShmSettings settings;
    private int rank = -1;

    /**
     * Creates the module for plain Java use; public for {@link java.util.ServiceLoader}. The store module and the
     * transports are found with ServiceLoader.
     */
    public ShareMemoryServiceImpl() {
        this(() -> FabricServices.lookup(ConfigStoreService.class, "org.memfabric.configstore"),
            TransportCatalog.discover(), new HostBackedDeviceMemory());
    }

    /**
     * Creates the module over explicit parts (the DS component, tests).
     *
     * @param stores the config store module, asked for at init
     * @param catalog the transports, as they come and go
     * @param devices where device memory comes from
     */
    public ShareMemoryServiceImpl(final Supplier<ConfigStoreService> stores, final TransportCatalog catalog,
        final DeviceMemoryProvider devices) {
        this.stores = Validate.notNull("stores", stores);
        this.catalog = Validate.notNull("catalog", catalog);
        this.devices = Validate.notNull("devices", devices);
    }

    @Override
    public void init(final String storeUrl, final int worldSize, final int rankId, final int deviceId,
        final ShmConfig config) {
        call(() -> {
            final StoreUrl url = StoreUrl.parse(storeUrl);
            Validate.inRange("worldSize", worldSize, 1, 1024);
            Validate.inRange("rankId", rankId, 0, worldSize - 1);
            Validate.inRange("deviceId", deviceId, 0, 65535);
            Validate.notNull("config", config);
            final ShmSettings s = new ShmSettings(config);
            BmEngine.endpointConfig("shm-check", rankId, s.nicUrl, 1000); // rejects a malformed nicUrl now
            synchronized (this) {
                if (session != null) {
                    LOG.info("shm init again ignored: rank=" + rank);
                    return null;
                }
                final TlsSettings tls = config.storeTls().enabled()
                    ? new TlsSettings(true, null, null, config.storeTls().decryptHandler(), config.storeTls())
                    : MemFabric.tlsSettings();
                final StoreClientOptions client = new StoreClientOptions().worldSize(worldSize).rank(rankId)
                    .autoRanking(false).connectTimeout(s.initTimeout).requestTimeout(s.controlTimeout).tls(tls);
                final StoreServerOptions server = new StoreServerOptions().worldSize(worldSize).tls(tls);
                session = StoreRoles.open(stores.get(), url, s.startConfigStoreServer, client, server);
                settings = s;
                rank = rankId;
                LOG.info("shm init: rank=" + rankId + ", worldSize=" + worldSize + ", store=" + url + ", runsStore="
                    + session.server().isPresent() + ", deviceMemory=" + devices.describe());
            }
            return null;
        });
    }

    @Override
    public void uninit(final int flags) {
        final ShareMemoryImpl[] open;
        synchronized (this) {
            open = objects.values().toArray(new ShareMemoryImpl[0]);
        }
        for (final ShareMemoryImpl o : open) {
            o.close();
        }
        synchronized (this) {
            if (session != null) {
                session.closeAfterOthers(STORE_HOST_LINGER);
                session = null;
                LOG.info("shm uninit: rank=" + rank);
            }
            settings = null;
            rank = -1;
        }
    }

    @Override
    public synchronized boolean isInitialized() {
        return session != null;
    }

    @Override
    public ShareMemory create(final int id, final int rankSize, final int rankId, final long symmetricSize,
        final Set<ShmDataOpType> dataOpTypes, final int flags) {
        return call(() -> {
            Validate.inRange("id", id, 0, ID_MAX);
            Validate.inRange("rankSize", rankSize, 1, 1024);
            Validate.inRange("rankId", rankId, 0, rankSize - 1);
            Validate.positive("symmetricSize", symmetricSize);
            Validate.sizeMultipleOf2MiB("symmetricSize", symmetricSize, SYMMETRIC_MAX_BYTES);
            Validate.isTrue(dataOpTypes != null && !dataOpTypes.isEmpty(),
                "dataOpTypes must not be empty: dataOpTypes=" + dataOpTypes);
            Validate.isTrue(flags == 0, "create flags are reserved and must be 0: flags=" + flags);
            final ShmOpener.Request request = new ShmOpener.Request();
            request.id = id;
            request.rankSize = rankSize;
            request.rankId = rankId;
            request.symmetricSize = symmetricSize;
            request.allowed = ShmKinds.allowedKinds(dataOpTypes);
            final ConfigStore root;
            final ShmSettings s;
            synchronized (this) {
                if (session == null) {
                    throw new NotInitializedException("shm not initialized: call init first, id=" + id);
                }
                if (objects.containsKey(id) || creating.contains(id)) {
                    throw new DuplicateObjectException("shm id already created in this process: id=" + id);
                }
                creating.add(id);
                root = session.client();
                s = settings;
            }
            try {
                final ShareMemoryImpl shm = new ShareMemoryImpl(ShmOpener.open(root, s, request, catalog, devices),
                    () -> forget(id));
                synchronized (this) {
                    if (session != null && session.client() == root) {
                        objects.put(id, shm);
                        return shm;
                    }
                }
                shm.close();
                throw new NotInitializedException("shm uninitialized while the object was being created: id=" + id);
            } finally {
                synchronized (this) {
                    creating.remove(id);
                }
            }
        });
    }

    @Override
    public Set<ShmDataOpType> querySupportDataOperation() {
        return ShmKinds.supported(catalog, ShmKinds.allowedKinds(EnumSet.allOf(ShmDataOpType.class)));
    }

    private synchronized void forget(final int id) {
        objects.remove(id);
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }
}
