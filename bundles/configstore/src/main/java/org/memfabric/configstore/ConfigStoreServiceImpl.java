package org.memfabric.configstore;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.Validate;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.LinkSecurity;

/**
 * The config store module: starts servers and connects clients, and closes whatever it started when the module
 * stops. Thread-safe.
 */
public final class ConfigStoreServiceImpl implements ConfigStoreService, AutoCloseable {
    private final Set<AutoCloseable> started = ConcurrentHashMap.newKeySet();

    /** Creates the module; public for {@link java.util.ServiceLoader}. */
    public ConfigStoreServiceImpl() {
        // nothing started yet
    }

    @Override
    public ConfigStoreServer startServer(final StoreUrl listen, final StoreServerOptions options) {
        Validate.notNull("listen", listen);
        Validate.notNull("options", options);
        final StoreServer server = StoreServer.start(listen, options, security(options.tls()));
        started.add(server);
        return new TrackedServer(server);
    }

    @Override
    public ConfigStore connect(final StoreUrl url, final StoreClientOptions options) {
        Validate.notNull("url", url);
        Validate.notNull("options", options);
        final StoreClient client = StoreClient.connect(url, options, security(options.tls()));
        started.add(client);
        client.onClose(() -> started.remove(client));
        return client;
    }

    /**
     * The link security for TLS settings.
     *
     * @param tls the settings
     * @return plaintext, or TLS built from the settings
     */
    static LinkSecurity security(final TlsSettings tls) {
        if (!tls.enabled()) {
            return LinkSecurity.PLAINTEXT;
        }
        try {
            return TlsLinkSecurity.create(tls);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    /** Stops every server and client this module started. */
    @Override
    public void close() {
        for (final AutoCloseable c : started) {
            try {
                c.close();
            } catch (final Exception ignored) {
                // keep closing the others
            }
        }
        started.clear();
    }

    /** Forgets a server when it is closed by its owner. */
    private final class TrackedServer implements ConfigStoreServer {
        private final StoreServer server;

        TrackedServer(final StoreServer server) {
            this.server = server;
        }

        @Override
        public StoreUrl url() {
            return server.url();
        }

        @Override
        public int linkCount() {
            return server.linkCount();
        }

        @Override
        public void close() {
            started.remove(server);
            server.close();
        }

        @Override
        public String toString() {
            return server.toString();
        }
    }
}
