package org.memfabric.bm;

import java.util.Set;

import org.memfabric.api.LastError;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.store.StoreUrl;

/**
 * The BM module. Every argument is validated as the original does (null/range checks first, then the
 * "initialised?" check); the data plane itself arrives with issue #4, so {@link #init} fails with
 * {@link NotSupportedException} after validation and {@link #create} with {@link NotInitializedException}.
 * Thread-safe (stateless until issue #4).
 */
public final class BigMemoryServiceImpl implements BigMemoryService {
    static final String PLANNED = "issue #4 (BM data plane)";
    /** Largest host contribution per rank: 2 TiB. */
    static final long DRAM_MAX_BYTES = 2L << 40;
    /** Largest device contribution per rank: 64 GiB. */
    static final long HBM_MAX_BYTES = 64L << 30;

    /** Creates the module; public for {@link java.util.ServiceLoader}. */
    public BigMemoryServiceImpl() {
        // nothing to set up before issue #4
    }

    @Override
    public void init(final String storeUrl, final int worldSize, final int deviceId, final BmConfig config) {
        StoreUrl.parse(storeUrl);
        Validate.inRange("worldSize", worldSize, 1, WORLD_SIZE_MAX);
        Validate.inRange("deviceId", deviceId, 0, 65535);
        Validate.notNull("config", config).validateFor(worldSize);
        throw LastError.record(NotSupportedException.notYet("BigMemoryService.init", PLANNED));
    }

    @Override
    public void uninit(final int flags) {
        // safe without init, as in the original; nothing is held before issue #4
    }

    @Override
    public boolean isInitialized() {
        return false;
    }

    @Override
    public int rankId() {
        return RANK_INVALID;
    }

    @Override
    public BigMemory create(final int id, final int memberSize, final Set<BmDataOpType> dataOpTypes,
        final long localDramSize, final long localHbmSize, final int flags) {
        Validate.inRange("id", id, 0, 254);
        Validate.inRange("memberSize", memberSize, 0, WORLD_SIZE_MAX);
        Validate.isTrue(dataOpTypes != null && !dataOpTypes.isEmpty(),
            "dataOpTypes must not be empty: dataOpTypes=" + dataOpTypes);
        Validate.sizeMultipleOf2MiB("localDRAMSize", localDramSize, DRAM_MAX_BYTES);
        Validate.sizeMultipleOf2MiB("localHBMSize", localHbmSize, HBM_MAX_BYTES);
        Validate.isTrue(localDramSize > 0 || localHbmSize > 0,
            "localDRAMSize and localHBMSize must not both be 0: localDRAMSize=0, localHBMSize=0");
        throw LastError.record(new NotInitializedException("bm not initialized: call init first, id=" + id));
    }
}
