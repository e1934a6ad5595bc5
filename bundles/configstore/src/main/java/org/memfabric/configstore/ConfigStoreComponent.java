package org.memfabric.configstore;

import org.memfabric.api.FabricServices;
import org.memfabric.api.store.ConfigStoreService;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Thin DS adapter: builds the plain {@link ConfigStoreServiceImpl}, publishes it as the {@link ConfigStoreService} service and to the static
 * facade ({@link FabricServices}), and releases everything it holds when the bundle stops.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.memfabric.api.store.ConfigStoreService\"",
    uses = ConfigStoreService.class)
@Component(immediate = true)
public final class ConfigStoreComponent {
    private ConfigStoreServiceImpl service;
    private ServiceRegistration<ConfigStoreService> registration;

    /**
     * Publishes the service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(final BundleContext context) {
        service = new ConfigStoreServiceImpl();
        registration = context.registerService(ConfigStoreService.class, service, null);
        FabricServices.register(ConfigStoreService.class, service);
    }

    /** Withdraws the service and releases its resources. */
    @Deactivate
    void deactivate() {
        FabricServices.unregister(ConfigStoreService.class, service);
        registration.unregister();
        service.close();
    }
}
