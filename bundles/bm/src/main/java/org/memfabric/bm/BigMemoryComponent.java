package org.memfabric.bm;

import org.memfabric.api.FabricServices;
import org.memfabric.api.bm.BigMemoryService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Thin DS adapter: builds the plain {@link BigMemoryServiceImpl}, publishes it as the {@link BigMemoryService} service and to the static
 * facade ({@link FabricServices}), and releases everything it holds when the bundle stops.
 */
@Component(immediate = true)
public final class BigMemoryComponent {
    private BigMemoryServiceImpl service;
    private ServiceRegistration<BigMemoryService> registration;

    /**
     * Publishes the service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(final BundleContext context) {
        service = new BigMemoryServiceImpl();
        registration = context.registerService(BigMemoryService.class, service, null);
        FabricServices.register(BigMemoryService.class, service);
    }

    /** Withdraws the service and releases its resources. */
    @Deactivate
    void deactivate() {
        FabricServices.unregister(BigMemoryService.class, service);
        registration.unregister();
        service.uninit(0);
    }
}
