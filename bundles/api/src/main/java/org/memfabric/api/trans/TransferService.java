package org.memfabric.api.trans;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The TRANS module ({@code smem_trans_*} global functions; the Python {@code TransferEngine.initialize} /
 * {@code unInitialize} / {@code get_rpc_port}). Registered as an OSGi service by the {@code org.memfabric.trans}
 * bundle; outside OSGi obtained through {@code MemFabric.transfer()}. Thread-safe.
 */
@ProviderType
public interface TransferService {
    /**
     * A configuration with the defaults ({@code smem_trans_config_init}).
     *
     * @return a new configuration
     */
    default TransConfig configInit() {
        return new TransConfig();
    }

    /**
     * Initialises TRANS ({@code smem_trans_init}). A second call is a no-op.
     *
     * @param config the configuration
     */
    void init(TransConfig config);

    /**
     * Releases everything TRANS holds ({@code smem_trans_uninit}); safe without init.
     *
     * @param flags reserved, 0
     */
    void uninit(int flags);

    /**
     * Whether TRANS is initialised.
     *
     * @return true between init and uninit
     */
    boolean isInitialized();

    /**
     * Creates an engine ({@code smem_trans_create}).
     *
     * @param storeUrl the config store, {@code tcp://ip:port}
     * @param uniqueId this engine's id, {@code ip:port} or {@code [v6]:port}, unique in the cluster
     * @param config the configuration
     * @return the engine
     */
    TransferEngine create(String storeUrl, String uniqueId, TransConfig config);

    /**
     * Picks a free TCP port in 15000..25000 and keeps it reserved for this process (Python {@code get_rpc_port}).
     *
     * @return the port
     */
    int getRpcPort();
}
