package org.memfabric.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates config store servers and clients. Registered as an OSGi service by the {@code org.memfabric.configstore}
 * bundle; outside OSGi obtained through {@code MemFabric.configStores()}.
 */
@ProviderType
public interface ConfigStoreService {
    /**
     * Starts a server.
     *
     * @param listen the address to listen on (port 0 = any free port)
     * @param options world size, TLS, heartbeat supervision, last-rank policy
     * @return the running server
     * @throws org.memfabric.api.ResourceInUseException when the address is in use
     */
    ConfigStoreServer startServer(StoreUrl listen, StoreServerOptions options);

    /**
     * Connects a client.
     *
     * @param url the server
     * @param options handshake rank, world size, timeouts, TLS
     * @return the connected client
     */
    ConfigStore connect(StoreUrl url, StoreClientOptions options);
}
