package org.memfabric.api.store;

import org.osgi.annotation.versioning.ProviderType;

/** A running config store server. Closing it stops listening and drops every client link. */
@ProviderType
public interface ConfigStoreServer extends AutoCloseable {
    /**
     * The address the server listens on, with the real port when port 0 was requested.
     *
     * @return the URL
     */
    StoreUrl url();

    /**
     * Client links open now (ranked or not), for example to let the rank that hosts the store wait until the others
     * have disconnected before it stops the server.
     *
     * @return the number of open links
     */
    int linkCount();

    /** Stops the server. Idempotent. */
    @Override
    void close();
}
