package org.memfabric.bm;

import org.memfabric.api.FabricServices;
import org.memfabric.api.bm.BigMemoryService;
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
 * Thin DS adapter: builds the plain {@link BigMemoryServiceImpl} over the config store service and every
 * {@link Transport} service, publishes it as the {@link BigMemoryService} service and to the static facade
 * ({@link FabricServices}), and releases everything it holds when the bundle stops. Transports are a dynamic,
 * multiple reference: they come and go while BM objects run (hot swap), SCR calls the bind methods on its threads.
 */
@Component(immediate = true)
public final class BigMemoryComponent {
    private final TransportCatalog catalog = new TransportCatalog();
    private BigMemoryServiceImpl service;
    private ServiceRegistration<BigMemoryService> registration;

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
     * A transport is going away: its endpoints close, copies in flight over it end with a transport error or
     * complete, later copies choose another transport.
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
        service = new BigMemoryServiceImpl(() -> s, catalog, new HostBackedDeviceMemory());
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
