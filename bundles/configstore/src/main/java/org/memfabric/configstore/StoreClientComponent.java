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
 * {@value #RANK_PROPERTY}. A thin adapter over {@link StoreClient}.
 */
@Component(name = "org.memfabric.configstore.client", configurationPid = "org.memfabric.configstore",
    configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class StoreClientComponent {
    /** Service property with the client's rank (-1 for none). */
    public static final String RANK_PROPERTY = "memfabric.store.rank";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE)
    private List<Map.Entry<Map<String, Object>, DecryptHandler>> handlers;

    private StoreClient client;
    private ServiceRegistration<ConfigStore> registration;

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
        client = StoreClient.connect(StoreUrl.parse(config.client_url().trim()), options,
            ConfigStoreServiceImpl.security(options.tls()));
        final Hashtable<String, Object> props = new Hashtable<>();
        props.put(StoreServerComponent.URL_PROPERTY, client.url().toString());
        props.put(RANK_PROPERTY, client.rank());
        registration = context.registerService(ConfigStore.class, client, props);
    }

    /** Disconnects. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (client != null) {
            client.close();
        }
    }
}
