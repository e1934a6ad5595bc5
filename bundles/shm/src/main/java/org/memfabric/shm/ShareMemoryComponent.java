package org.memfabric.shm;

import org.memfabric.api.FabricServices;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Thin DS adapter: builds the plain {@link ShareMemoryServiceImpl} over the config store service and every
 * {@link Transport} service, publishes it as the {@link ShareMemoryService} service and to the static facade
 * ({@link FabricServices}), and releases everything it holds when the bundle stops. Transports are a dynamic,
 * multiple reference: they come and go while symmetric objects run (BM's hot swap); SCR calls the bind methods on
 * its threads.
 */
@Component(immediate = true)
public final class ShareMemoryComponent {
    private final TransportCatalog catalog = new TransportCatalog();
    private ShareMemoryServiceImpl service;
    private ServiceRegistration<ShareMemoryService> registration;

    @Reference
    private ConfigStoreService stores;

    /**
     * A transport arrived.
     *
     * @param transport the transport service
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransport(final Transport transport) {
        catalog.add(transport);
    }

    /**
     * A transport is going away: its endpoints close, later copies choose another transport.
     *
     * @param transport the transport service
     */
    void removeTransport(final Transport transport) {
        catalog.remove(transport);
    }

    /**
     * Publishes the service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(final BundleContext context) {
        final ConfigStoreService s = stores;
        service = new ShareMemoryServiceImpl(() -> s, catalog, new HostBackedDeviceMemory());
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
