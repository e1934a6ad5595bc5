package org.memfabric.trans;

import org.memfabric.api.FabricServices;
import org.memfabric.api.trans.TransferService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Thin DS adapter: builds the plain {@link TransferServiceImpl}, publishes it as the {@link TransferService} service and to the static
 * facade ({@link FabricServices}), and releases everything it holds when the bundle stops.
 */
@Component(immediate = true)
public final class TransferComponent {
    private TransferServiceImpl service;
    private ServiceRegistration<TransferService> registration;

    /**
     * Publishes the service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(final BundleContext context) {
        service = new TransferServiceImpl();
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
