package org.memfabric.bm;

import java.util.Hashtable;

import org.memfabric.api.FabricServices;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.memory.DeviceMemoryProvider;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Thin DS adapter: builds the plain {@link BigMemoryServiceImpl} over the config store service and every
 * {@link Transport} service, publishes it as the {@link BigMemoryService} service and to the static facade
 * ({@link FabricServices}), and releases everything it holds when the bundle stops. Transports are a dynamic,
 * multiple reference: they come and go while BM objects run (hot swap), SCR calls the bind methods on its threads.
 * Device memory comes from a {@link DeviceMemoryProvider} service when one is registered (a static, greedy, optional
 * reference: the component restarts when a provider arrives or leaves), else from {@link HostBackedDeviceMemory}; the
 * service property {@value #DEVICE_MEMORY_PROPERTY} says which ({@code memfabric doctor} prints it).
 */
@Component(immediate = true)
public final class BigMemoryComponent {
    /** The service property describing where device memory comes from. */
    public static final String DEVICE_MEMORY_PROPERTY = "memfabric.deviceMemory";

    private final TransportCatalog catalog = new TransportCatalog();
    private BigMemoryServiceImpl service;
    private ServiceRegistration<BigMemoryService> registration;

    @Reference
    private ConfigStoreService stores;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private DeviceMemoryProvider deviceProvider;

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
        final DeviceMemoryProvider devices = deviceProvider != null ? deviceProvider : new HostBackedDeviceMemory();
        service = new BigMemoryServiceImpl(() -> s, catalog, devices);
        final Hashtable<String, Object> props = new Hashtable<>();
        props.put(DEVICE_MEMORY_PROPERTY, devices.describe());
        registration = context.registerService(BigMemoryService.class, service, props);
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
