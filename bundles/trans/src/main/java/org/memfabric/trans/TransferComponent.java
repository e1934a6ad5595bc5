package org.memfabric.trans;

import org.memfabric.api.FabricServices;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.trans.TransferService;
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
 * Thin DS adapter: builds the plain {@link TransferServiceImpl} over the config store service and every
 * {@link Transport} service, publishes it as the {@link TransferService} service and to the static facade
 * ({@link FabricServices}), and releases everything it holds when the bundle stops. Transports are a dynamic,
 * multiple reference: they come and go while engines run (hot swap); SCR calls the bind methods on its threads and
 * the engines open or close their endpoints on those threads.
 */
@Component(immediate = true)
public final class TransferComponent {
    private final TransportCatalog catalog = new TransportCatalog();
    private TransferServiceImpl service;
    private ServiceRegistration<TransferService> registration;

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
     * A transport is going away: engines close their endpoints on it, transfers in flight over it fail with a
     * transport error or complete, later transfers choose another transport.
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
        service = new TransferServiceImpl(() -> s, catalog);
        registration = context.registerService(TransferService.class, service, null);
        FabricServices.register(TransferService.class, service);
    }

    /** Withdraws the service and releases its resources. */
    @Deactivate
    void deactivate() {
        FabricServices.unregister(TransferService.class, service);
        registration.unregister();
        service.uninit(0);
    }
}
