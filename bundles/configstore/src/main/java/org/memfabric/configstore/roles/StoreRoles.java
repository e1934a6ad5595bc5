package org.memfabric.configstore.roles;

import java.net.NetworkInterface;
import java.net.SocketException;

import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.ResourceInUseException;
import org.memfabric.api.Validate;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;

/**
 * Decides who runs the config store server, as the original does, and connects:
 * <ul>
 *   <li>explicit rank: rank 0 starts the server when asked to, everyone connects with its rank;</li>
 *   <li>auto-ranking: every rank on the store's host races to start the server (the first bind wins, "address in
 *       use" means another rank won), then every rank connects and asks the server for a rank;</li>
 *   <li>no server wanted: connect only.</li>
 * </ul>
 * Stateless.
 */
public final class StoreRoles {
    private static final FabricLogger LOG = FabricLogger.of("store-roles");

    private StoreRoles() {
    }

    /**
     * Opens a rank's store session.
     *
     * @param service the store module
     * @param url the store's address
     * @param startServer whether this rank may run the server
     * @param client the client options (rank or auto-ranking, world size, TLS, timeouts)
     * @param server the options of a server this rank may start (its TLS should match the client's)
     * @return the session
     */
    public static StoreSession open(final ConfigStoreService service, final StoreUrl url, final boolean startServer,
        final StoreClientOptions client, final StoreServerOptions server) {
        try {
            Validate.notNull("service", service);
            Validate.notNull("url", url);
            Validate.notNull("client", client);
            Validate.notNull("server", server);
            ConfigStoreServer started = null;
            if (startServer && mayRunServer(url, client)) {
                started = tryStart(service, url, server, client.autoRanking());
            }
            try {
                final ConfigStore store = service.connect(url, client);
                return new StoreSession(started, store);
            } catch (final MemFabricException e) {
                if (started != null) {
                    started.close();
                }
                throw e;
            }
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    private static boolean mayRunServer(final StoreUrl url, final StoreClientOptions client) {
        if (client.autoRanking()) {
            return isLocal(url);
        }
        return client.rank() == 0;
    }

    private static ConfigStoreServer tryStart(final ConfigStoreService service, final StoreUrl url,
        final StoreServerOptions server, final boolean race) {
        try {
            final ConfigStoreServer s = service.startServer(url, server);
            LOG.info("this rank runs the config store: url=" + s.url() + ", race=" + race);
            return s;
        } catch (final ResourceInUseException e) {
            if (!race) {
                throw e;
            }
            LastError.getAndClear();
            LOG.info("another rank runs the config store, connecting as a client: url=" + url);
            return null;
        }
    }

    /**
     * Whether an address belongs to this host (loopback or one of its interfaces).
     *
     * @param url the store url
     * @return true when local
     */
    static boolean isLocal(final StoreUrl url) {
        if (url.address().isLoopbackAddress() || url.address().isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(url.address()) != null;
        } catch (final SocketException e) {
            return false;
        }
    }
}
