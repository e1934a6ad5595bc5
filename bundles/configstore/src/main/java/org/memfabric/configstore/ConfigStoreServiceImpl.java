package org.memfabric.configstore;

import org.memfabric.api.LastError;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;

/**
 * The config store module. Arguments are validated now; the server and client themselves arrive with issue #3, so
 * until then both entry points fail with {@link NotSupportedException} after validation. Thread-safe (stateless).
 */
public final class ConfigStoreServiceImpl implements ConfigStoreService, AutoCloseable {
    static final String PLANNED = "issue #3 (config store)";

    /** Creates the module; public for {@link java.util.ServiceLoader}. */
    public ConfigStoreServiceImpl() {
        // stateless until the server and client land
    }

    @Override
    public ConfigStoreServer startServer(final StoreUrl listen, final StoreServerOptions options) {
        Validate.notNull("listen", listen);
        Validate.notNull("options", options);
        throw LastError.record(NotSupportedException.notYet("ConfigStoreService.startServer", PLANNED));
    }

    @Override
    public ConfigStore connect(final StoreUrl url, final StoreClientOptions options) {
        Validate.notNull("url", url);
        Validate.notNull("options", options);
        throw LastError.record(NotSupportedException.notYet("ConfigStoreService.connect", PLANNED));
    }

    /** Stops whatever the module started. Nothing yet. */
    @Override
    public void close() {
        // nothing is started before issue #3
    }
}
