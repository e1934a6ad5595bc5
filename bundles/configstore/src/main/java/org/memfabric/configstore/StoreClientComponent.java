package org.memfabric.configstore;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.configstore.client.StoreClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * Connects a config store client when PID {@code org.memfabric.configstore} has {@code client.url}, and publishes
 * it as a {@link ConfigStore} service with properties {@value StoreServerComponent#URL_PROPERTY} and
 * {@value #RANK_PROPERTY}. A thin adapter over {@link StoreClient}. Connecting runs on its own thread, so that
 * activation never blocks Config Admin or SCR (a server configured in the same PID starts meanwhile); the service
 * appears once the link is up.
 */
@Component(name = "org.memfabric.configstore.client", configurationPid = "org.memfabric.configstore",
    configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class StoreClientComponent {
    /** Service property with the client's rank (-1 for none). */
    public static final String RANK_PROPERTY = "memfabric.store.rank";
    private static final org.memfabric.api.log.FabricLogger LOG =
        org.memfabric.api.log.FabricLogger.of("store-client");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE)
    private List<Map.Entry<Map<String, Object>, DecryptHandler>> handlers;

    private final Object lock = new Object();
    private StoreClient client;
    private ServiceRegistration<ConfigStore> registration;
    private boolean stopped;
    private Thread connector;

    /**
     * Connects if a client is configured.
     *
     * @param context the bundle context
     * @param config the configuration
     */
    @Activate
    void activate(final BundleContext context, final StoreConfig config) {
        if (config.client_url().isBlank()) {
            return;
        }
        final var options = StoreSetup.clientOptions(config, DecryptHandlers.byName(handlers));
        final StoreUrl url = StoreUrl.parse(config.client_url().trim());
        final var security = ConfigStoreServiceImpl.security(options.tls());
        connector = new Thread(() -> connect(context, url, options, security), "memfabric-store-client-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private void connect(final BundleContext context, final StoreUrl url,
        final org.memfabric.api.store.StoreClientOptions options,
        final org.memfabric.configstore.wire.LinkSecurity security) {
        final StoreClient connected;
        try {
            connected = StoreClient.connect(url, options, security);
        } catch (final RuntimeException e) {
            LOG.error("store client from configuration could not connect: url=" + url, e);
            return;
        }
        final Hashtable<String, Object> props = new Hashtable<>();
        props.put(StoreServerComponent.URL_PROPERTY, connected.url().toString());
        props.put(RANK_PROPERTY, connected.rank());
        synchronized (lock) {
            if (stopped) {
                connected.close();
                return;
            }
            client = connected;
            registration = context.registerService(ConfigStore.class, connected, props);
        }
    }

    /** Disconnects. */
    @Deactivate
    void deactivate() {
        final Thread t;
        synchronized (lock) {
            stopped = true;
            if (registration != null) {
                registration.unregister();
            }
            if (client != null) {
                client.close();
            }
            t = connector;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
