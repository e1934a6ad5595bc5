package org.memfabric.api.shm;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SHM module ({@code smem_shm_*} global functions, Python module {@code memfabric_hybrid.shm}). Registered as
 * an OSGi service by the {@code org.memfabric.shm} bundle; outside OSGi obtained through
 * {@code MemFabric.shareMemory()}. Thread-safe.
 */
@ProviderType
public interface ShareMemoryService {
    /** Largest SHM id. */
    int ID_MAX = 63;

    /**
     * A configuration with the documented defaults ({@code smem_shm_config_init}).
     *
     * @return a new configuration
     */
    default ShmConfig configInit() {
        return new ShmConfig();
    }

    /**
     * Initialises SHM ({@code smem_shm_init}); rank 0 starts the store when so configured. A second call is a
     * no-op.
     *
     * @param storeUrl {@code tcp://ip:port} or {@code tcp://[v6]:port}
     * @param worldSize 1..1024
     * @param rankId 0..worldSize-1
     * @param deviceId the accelerator device id (ignored without accelerators)
     * @param config the configuration
     */
    void init(String storeUrl, int worldSize, int rankId, int deviceId, ShmConfig config);

    /**
     * Releases everything SHM holds ({@code smem_shm_uninit}); safe without init.
     *
     * @param flags reserved, 0
     */
    void uninit(int flags);

    /**
     * Whether SHM is initialised.
     *
     * @return true between init and uninit
     */
    boolean isInitialized();

    /**
     * Creates a symmetric object; collective over the ranks ({@code smem_shm_create}).
     *
     * @param id 0..63, unique in the process
     * @param rankSize 1..1024
     * @param rankId 0..rankSize-1
     * @param symmetricSize bytes per rank: a non-zero multiple of 2 MiB, at most 64 GiB
     * @param dataOpTypes the kinds of access wanted
     * @param flags reserved, 0
     * @return the object; {@link ShareMemory#gva()} is the window's GVA
     */
    ShareMemory create(int id, int rankSize, int rankId, long symmetricSize, Set<ShmDataOpType> dataOpTypes,
        int flags);

    /**
     * The access kinds this host supports ({@code smem_shm_query_support_data_operation}).
     *
     * @return the kinds
     */
    Set<ShmDataOpType> querySupportDataOperation();
}
