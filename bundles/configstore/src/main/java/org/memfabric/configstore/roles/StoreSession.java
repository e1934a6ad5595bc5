package org.memfabric.configstore.roles;

import java.util.Optional;

import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;

/**
 * A rank's connection to its config store, plus the server when this rank runs it. Closing closes both (the client
 * first). Thread-safe.
 */
public final class StoreSession implements AutoCloseable {
    private final ConfigStoreServer server;
    private final ConfigStore client;

    StoreSession(final ConfigStoreServer server, final ConfigStore client) {
        this.server = server;
        this.client = client;
    }

    /**
     * The embedded server, when this rank started it.
     *
     * @return the server
     */
    public Optional<ConfigStoreServer> server() {
        return Optional.ofNullable(server);
    }

    /**
     * The client (un-prefixed).
     *
     * @return the client
     */
    public ConfigStore client() {
        return client;
    }

    /**
     * The rank announced or assigned.
     *
     * @return the rank, -1 for none
     */
    public int rank() {
        return client.rank();
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "StoreSession[rank=" + rank() + ", server=" + (server == null ? "none" : server.url()) + "]";
    }
}
