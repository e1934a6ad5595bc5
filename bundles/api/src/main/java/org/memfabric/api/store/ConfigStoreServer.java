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

    /** Stops the server. Idempotent. */
    @Override
    void close();
}
