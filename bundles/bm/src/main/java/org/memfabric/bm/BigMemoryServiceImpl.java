package org.memfabric.bm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.memfabric.api.DuplicateObjectException;
import org.memfabric.api.FabricServices;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabric;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.configstore.roles.StoreRoles;
import org.memfabric.configstore.roles.StoreSession;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The BM module ({@code smem_bm_*}): init connects to (or starts) the config store and obtains a rank; create
 * builds {@link BigMemoryImpl} objects over this process's transports. Arguments are validated first
 * ({@code SM_INVALID_PARAM}), then state ({@code SM_NOT_INITIALIZED}), as the original does. Thread-safe.
 */
public final class BigMemoryServiceImpl implements BigMemoryService {
    /** Largest host contribution per rank: 2 TiB. */
    static final long DRAM_MAX_BYTES = 2L << 40;
    /** Largest device contribution per rank: 64 GiB. */
    static final long HBM_MAX_BYTES = 64L << 30;
    /** Store prefix of everything BM keeps, as the original's. */
    static final String STORE_PREFIX = "SMEM_BM_";
    private static final FabricLogger LOG = FabricLogger.of("bm");
    /** How long uninit on the rank hosting the store waits for the other ranks to disconnect. */
    static final Duration STORE_HOST_LINGER = StoreSession.STORE_HOST_LINGER;

    private final Supplier<ConfigStoreService> stores;
    private final TransportCatalog catalog;
    private final DeviceMemoryProvider devices;
    private final Map<Integer, BigMemoryImpl> objects = new LinkedHashMap<>();
    private StoreSession session;
    private ConfigStoreServer storeOnlyServer;
    private int rank = RANK_INVALID;
    private int worldSize;
    private BmConfig config;

    /** Creates the module for plain Java use: the store module and transports are found with ServiceLoader. */
    public BigMemoryServiceImpl() {
        this(() -> FabricServices.lookup(ConfigStoreService.class, "org.memfabric.configstore"),
            TransportCatalog.discover(), new HostBackedDeviceMemory());
    }

    BigMemoryServiceImpl(final Supplier<ConfigStoreService> stores, final TransportCatalog catalog,
        final DeviceMemoryProvider devices) {
        this.stores = stores;
        this.catalog = catalog;
        this.devices = devices;
    }

    TransportCatalog catalog() {
        return catalog;
    }

    @Override
    public void init(final String storeUrl, final int worldSize, final int deviceId, final BmConfig config) {
        call(() -> {
            final StoreUrl url = StoreUrl.parse(storeUrl);
            Validate.inRange("worldSize", worldSize, 1, WORLD_SIZE_MAX);
            Validate.inRange("deviceId", deviceId, 0, 65535);
            final BmConfig c = Validate.notNull("config", config).copy().validateFor(worldSize);
            synchronized (this) {
                if (isInitialized()) {
                    LOG.info("bm init again ignored: rank=" + rank);
                    return null;
                }
                final TlsSettings tls = c.storeTls().enabled()
                    ? new TlsSettings(true, null, null, c.storeTls().decryptHandler(), c.storeTls())
                    : MemFabric.tlsSettings();
                final StoreServerOptions serverOptions = new StoreServerOptions().worldSize(worldSize).tls(tls);
                if (c.startConfigStoreOnly()) {
                    storeOnlyServer = stores.get().startServer(url, serverOptions);
                    this.config = c;
                    this.worldSize = worldSize;
                    LOG.info("bm init: this process only serves the config store: url=" + storeOnlyServer.url());
                    return null;
                }
                final StoreClientOptions clientOptions = new StoreClientOptions().worldSize(worldSize)
                    .autoRanking(c.autoRanking()).connectTimeout(c.initTimeout()).requestTimeout(
                        c.controlOperationTimeout()).tls(tls);
                if (!c.autoRanking()) {
                    clientOptions.rank(c.rankId());
                }
                session = StoreRoles.open(stores.get(), url, c.startConfigStoreServer(), clientOptions,
                    serverOptions);
                this.rank = session.rank();
                this.worldSize = worldSize;
                this.config = c;
                LOG.info("bm init: rank=" + rank + ", worldSize=" + worldSize + ", store=" + url + ", runsStore="
                    + session.server().isPresent() + ", deviceMemory=" + devices.describe());
            }
            return null;
        });
    }

    @Override
    public void uninit(final int flags) {
        final BigMemoryImpl[] open;
        synchronized (this) {
            open = objects.values().toArray(new BigMemoryImpl[0]);
        }
        for (final BigMemoryImpl o : open) {
            o.close();
        }
        synchronized (this) {
            if (session != null) {
                session.closeAfterOthers(STORE_HOST_LINGER);
                session = null;
            }
            if (storeOnlyServer != null) {
                storeOnlyServer.close();
                storeOnlyServer = null;
            }
            rank = RANK_INVALID;
            config = null;
        }
    }

    @Override
    public synchronized boolean isInitialized() {
        return session != null || storeOnlyServer != null;
    }

    @Override
    public synchronized int rankId() {
        return rank;
    }

    @Override
    public BigMemory create(final int id, final int memberSize, final Set<BmDataOpType> dataOpTypes,
        final long localDramSize, final long localHbmSize, final int flags) {
        return call(() -> {
            Validate.inRange("id", id, 0, 254);
            Validate.inRange("memberSize", memberSize, 0, WORLD_SIZE_MAX);
            Validate.isTrue(dataOpTypes != null && !dataOpTypes.isEmpty(),
                "dataOpTypes must not be empty: dataOpTypes=" + dataOpTypes);
            Validate.sizeMultipleOf2MiB("localDRAMSize", localDramSize, DRAM_MAX_BYTES);
            Validate.sizeMultipleOf2MiB("localHBMSize", localHbmSize, HBM_MAX_BYTES);
            Validate.isTrue(localDramSize > 0 || localHbmSize > 0,
                "localDRAMSize and localHBMSize must not both be 0: localDRAMSize=0, localHBMSize=0");
            Validate.isTrue(flags == 0, "create flags are reserved and must be 0: flags=" + flags);
            synchronized (this) {
                if (!isInitialized()) {
                    throw new NotInitializedException("bm not initialized: call init first, id=" + id);
                }
                if (session == null) {
                    throw new InvalidArgumentException("this process only serves the config store "
                        + "(startConfigStoreOnly): id=" + id);
                }
                Validate.isTrue(memberSize == 0 || memberSize == worldSize, "memberSize must be 0 or the world size: "
                    + "memberSize=" + memberSize + ", worldSize=" + worldSize);
                if (objects.containsKey(id)) {
                    throw new DuplicateObjectException("bm id already created in this process: id=" + id);
                }
                final ConfigStore store = session.client().withPrefix(STORE_PREFIX + "(" + id + ")_");
                final GvaLayout layout = agreeLayout(store, id, localDramSize, localHbmSize);
                final BigMemoryImpl bm = ObjectFactory.build(id, "memfabric-bm" + id + "-r" + rank, store, rank,
                    layout, localDramSize, localHbmSize, DataOpKind.allowedByBm(dataOpTypes), endpointConfig(id), catalog, devices,
                    config.controlOperationTimeout(), () -> forget(id));
                objects.put(id, bm);
                return bm;
            }
        });
    }

    /**
     * Slot sizes are fixed by the first rank to create the object: it publishes its sizes under {@code SLOTS}; later
     * ranks adopt them and may contribute less, not more.
     */
    private GvaLayout agreeLayout(final ConfigStore store, final int id, final long dram, final long hbm) {
        final byte[] mine = (dram + "," + hbm).getBytes(StandardCharsets.US_ASCII);
        final CasResult r = store.cas("SLOTS", new byte[0], mine);
        long hostSlot = dram;
        long deviceSlot = hbm;
        if (!r.swapped()) {
            final String[] parts = new String(r.previous(), StandardCharsets.US_ASCII).split(",");
            try {
                hostSlot = Long.parseLong(parts[0]);
                deviceSlot = Long.parseLong(parts[1]);
            } catch (final RuntimeException e) {
                throw new InvalidArgumentException("bm slot sizes in the store are malformed: key="
                    + store.completeKey("SLOTS") + ", value=" + new String(r.previous(), StandardCharsets.US_ASCII),
                    e);
            }
            if (dram > hostSlot || hbm > deviceSlot) {
                throw new InvalidArgumentException("bm pool larger than the slot the first rank fixed: id=" + id
                    + ", localDRAMSize=" + dram + ", hostSlotBytes=" + hostSlot + ", localHBMSize=" + hbm
                    + ", deviceSlotBytes=" + deviceSlot);
            }
        }
        return new GvaLayout(worldSize, hostSlot, deviceSlot);
    }

    private EndpointConfig endpointConfig(final int id) {
        return ObjectFactory.endpointConfig("bm" + id + "-rank" + rank, rank, config.nicUrl(),
            config.controlOperationTimeout().toMillis());
    }

    private synchronized void forget(final int id) {
        objects.remove(id);
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }
}
