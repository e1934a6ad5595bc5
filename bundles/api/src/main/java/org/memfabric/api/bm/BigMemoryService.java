package org.memfabric.api.bm;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The BM module ({@code smem_bm_*} global functions, Python module {@code memfabric_hybrid.bm}). Registered as an
 * OSGi service by the {@code org.memfabric.bm} bundle; outside OSGi obtained through {@code MemFabric.bigMemory()}.
 *
 * <p>Thread-safe. State is per service instance (in practice per process).
 */
@ProviderType
public interface BigMemoryService {
    /** Largest world size. */
    int WORLD_SIZE_MAX = 1024;
    /** Rank value returned by {@link #rankId()} before init ({@code UINT32_MAX} in C). */
    int RANK_INVALID = -1;

    /**
     * A configuration with the documented defaults ({@code smem_bm_config_init}).
     *
     * @return a new configuration
     */
    default BmConfig configInit() {
        return new BmConfig();
    }

    /**
     * Initialises BM: connects to (or starts) the config store, obtains a rank ({@code smem_bm_init}). A second
     * call is a no-op.
     *
     * @param storeUrl {@code tcp://ip:port} or {@code tcp://[v6]:port}
     * @param worldSize 1..1024
     * @param deviceId the accelerator device id (ignored without accelerators)
     * @param config the configuration
     */
    void init(String storeUrl, int worldSize, int deviceId, BmConfig config);

    /**
     * Releases everything BM holds ({@code smem_bm_uninit}); safe without init. On the rank that runs the embedded
     * config store, it first waits (at most 10 s) until the other ranks have disconnected from the store, so ranks
     * still leaving their groups do not lose the store under their feet.
     *
     * @param flags reserved, 0
     */
    void uninit(int flags);

    /**
     * Whether BM is initialised.
     *
     * @return true between init and uninit
     */
    boolean isInitialized();

    /**
     * This process's rank ({@code smem_bm_get_rank_id}).
     *
     * @return the rank, or {@link #RANK_INVALID} before init
     */
    int rankId();

    /**
     * Creates a BM object ({@code smem_bm_create}).
     *
     * @param id the BM id, unique in the process
     * @param memberSize ranks in the group (must equal the world size or be 0 for "the world size")
     * @param dataOpTypes the engines allowed to move data
     * @param localDramSize host bytes this rank contributes: a multiple of 2 MiB, at most 2 TiB
     * @param localHbmSize device bytes this rank contributes: a multiple of 2 MiB, at most 64 GiB
     * @param flags reserved, 0
     * @return the object
     */
    BigMemory create(int id, int memberSize, Set<BmDataOpType> dataOpTypes, long localDramSize, long localHbmSize,
        int flags);

    /**
     * Creates a BM object with the Python defaults ({@code bm.create(id, local_dram_size, local_hbm_size)}): the
     * world size as member size, the device copy engine ({@link BmDataOpType#SDMA}, on hosts without accelerators
     * the same-host copy engine) as data-op type, no flags.
     *
     * @param id the BM id, unique in the process
     * @param localDramSize host bytes this rank contributes
     * @param localHbmSize device bytes this rank contributes
     * @return the object
     */
    default BigMemory create(final int id, final long localDramSize, final long localHbmSize) {
        return create(id, 0, java.util.EnumSet.of(BmDataOpType.SDMA), localDramSize, localHbmSize, 0);
    }
}
