package org.memfabric.configstore;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.configstore.server.StoreServer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs a config store server when PID {@code org.memfabric.configstore} has {@code server.listen}, and publishes it
 * as a {@link ConfigStoreServer} service with property {@value #URL_PROPERTY}. A thin adapter over
 * {@link StoreServer}; a changed configuration restarts the server.
 */
@Component(name = "org.memfabric.configstore.server", configurationPid = "org.memfabric.configstore",
    configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = StoreConfig.class)
public final class StoreServerComponent {
    /** Service property with the server's URL. */
    public static final String URL_PROPERTY = "memfabric.store.url";
    private static final FabricLogger LOG = FabricLogger.of("store-server");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE)
    private List<Map.Entry<Map<String, Object>, DecryptHandler>> handlers;

    private StoreServer server;
    private ServiceRegistration<ConfigStoreServer> registration;

    /**
     * Starts the server if one is configured.
     *
     * @param context the bundle context
     * @param config the configuration
     */
    @Activate
    void activate(final BundleContext context, final StoreConfig config) {
        if (config.server_listen().isBlank()) {
            LOG.info("no server.listen configured; no store server runs in this container");
            return;
        }
        final StoreUrl listen = StoreUrl.parseListen(config.server_listen().trim());
        final var options = StoreSetup.serverOptions(config, DecryptHandlers.byName(handlers));
        server = StoreServer.start(listen, options, ConfigStoreServiceImpl.security(options.tls()));
        final Hashtable<String, Object> props = new Hashtable<>();
        props.put(URL_PROPERTY, server.url().toString());
        props.put("memfabric.store.tls", server.isTls());
        registration = context.registerService(ConfigStoreServer.class, server, props);
    }

    /** Stops the server. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (server != null) {
            server.close();
        }
    }
}
