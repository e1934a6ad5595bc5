package org.memfabric.shm;

import org.memfabric.api.FabricServices;
import org.memfabric.api.shm.ShareMemoryService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Thin DS adapter: builds the plain {@link ShareMemoryServiceImpl}, publishes it as the {@link ShareMemoryService} service and to the static
 * facade ({@link FabricServices}), and releases everything it holds when the bundle stops.
 */
@Component(immediate = true)
public final class ShareMemoryComponent {
    private ShareMemoryServiceImpl service;
    private ServiceRegistration<ShareMemoryService> registration;

    /**
     * Publishes the service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(final BundleContext context) {
        service = new ShareMemoryServiceImpl();
        registration = context.registerService(ShareMemoryService.class, service, null);
        FabricServices.register(ShareMemoryService.class, service);
    }

    /** Withdraws the service and releases its resources. */
    @Deactivate
    void deactivate() {
        FabricServices.unregister(ShareMemoryService.class, service);
        registration.unregister();
        service.uninit(0);
    }
}
