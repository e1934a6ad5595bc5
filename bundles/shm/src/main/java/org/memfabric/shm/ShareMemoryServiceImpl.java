package org.memfabric.shm;

import java.util.Set;

import org.memfabric.api.LastError;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.api.store.StoreUrl;

/**
 * The SHM module. Arguments are validated now with the documented limits; symmetric memory itself arrives with
 * issue #5, so {@link #init} and {@link #querySupportDataOperation} fail with {@link NotSupportedException} after
 * validation and {@link #create} with {@link NotInitializedException}. Thread-safe (stateless until issue #5).
 */
public final class ShareMemoryServiceImpl implements ShareMemoryService {
    static final String PLANNED = "issue #5 (SHM)";
    /** Largest symmetric size per rank: 64 GiB. */
    static final long SYMMETRIC_MAX_BYTES = 64L << 30;

    /** Creates the module; public for {@link java.util.ServiceLoader}. */
    public ShareMemoryServiceImpl() {
        // nothing to set up before issue #5
    }

    @Override
    public void init(final String storeUrl, final int worldSize, final int rankId, final int deviceId,
        final ShmConfig config) {
        StoreUrl.parse(storeUrl);
        Validate.inRange("worldSize", worldSize, 1, 1024);
        Validate.inRange("rankId", rankId, 0, worldSize - 1);
        Validate.inRange("deviceId", deviceId, 0, 65535);
        Validate.notNull("config", config);
        throw LastError.record(NotSupportedException.notYet("ShareMemoryService.init", PLANNED));
    }

    @Override
    public void uninit(final int flags) {
        // safe without init; nothing is held before issue #5
    }

    @Override
    public boolean isInitialized() {
        return false;
    }

    @Override
    public ShareMemory create(final int id, final int rankSize, final int rankId, final long symmetricSize,
        final Set<ShmDataOpType> dataOpTypes, final int flags) {
        Validate.inRange("id", id, 0, ID_MAX);
        Validate.inRange("rankSize", rankSize, 1, 1024);
        Validate.inRange("rankId", rankId, 0, rankSize - 1);
        Validate.positive("symmetricSize", symmetricSize);
        Validate.sizeMultipleOf2MiB("symmetricSize", symmetricSize, SYMMETRIC_MAX_BYTES);
        Validate.isTrue(dataOpTypes != null && !dataOpTypes.isEmpty(),
            "dataOpTypes must not be empty: dataOpTypes=" + dataOpTypes);
        throw LastError.record(new NotInitializedException("shm not initialized: call init first, id=" + id));
    }

    @Override
    public Set<ShmDataOpType> querySupportDataOperation() {
        throw LastError.record(NotSupportedException.notYet("ShareMemoryService.querySupportDataOperation", PLANNED));
    }
}
