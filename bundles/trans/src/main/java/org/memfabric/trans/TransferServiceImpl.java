package org.memfabric.trans;

import org.memfabric.api.LastError;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferService;

/**
 * The TRANS module. {@link #getRpcPort()} works; arguments are validated now; the engine itself arrives with
 * issue #5, so {@link #init} fails with {@link NotSupportedException} after validation and {@link #create} with
 * {@link NotInitializedException}. Thread-safe.
 */
public final class TransferServiceImpl implements TransferService {
    static final String PLANNED = "issue #5 (TRANS)";

    private final RpcPortReserver ports = new RpcPortReserver();

    /** Creates the module; public for {@link java.util.ServiceLoader}. */
    public TransferServiceImpl() {
        // the port reserver is the only state before issue #5
    }

    @Override
    public void init(final TransConfig config) {
        Validate.notNull("config", config);
        throw LastError.record(NotSupportedException.notYet("TransferService.init", PLANNED));
    }

    @Override
    public void uninit(final int flags) {
        ports.releaseAll();
    }

    @Override
    public boolean isInitialized() {
        return false;
    }

    @Override
    public TransferEngine create(final String storeUrl, final String uniqueId, final TransConfig config) {
        StoreUrl.parse(storeUrl);
        Validate.notEmpty("uniqueId", uniqueId);
        parseUniqueId(uniqueId);
        Validate.notNull("config", config);
        throw LastError.record(new NotInitializedException("trans not initialized: call init first, uniqueId="
            + uniqueId));
    }

    @Override
    public int getRpcPort() {
        return ports.reserve();
    }

    /**
     * Parses a unique id {@code ip:port} or {@code [v6]:port} with the store URL rules.
     *
     * @param uniqueId the id
     * @return the parsed address
     */
    static StoreUrl parseUniqueId(final String uniqueId) {
        try {
            return StoreUrl.parse("tcp://" + uniqueId);
        } catch (final org.memfabric.api.InvalidArgumentException e) {
            throw LastError.record(new org.memfabric.api.InvalidArgumentException(
                "uniqueId must be ip:port or [v6]:port: uniqueId=" + uniqueId, e));
        }
    }
}
