package org.memfabric.transport.shm;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportServiceProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The DS component publishing an {@link ShmTransport} as a {@link Transport} service: reads its configuration
 * (PID {@value #PID}), builds the plain transport and registers it with the service properties of
 * {@link TransportServiceProperties}, including the availability found by the one-time probe and its cause (which a
 * static component property could not carry). Deactivation unregisters the service and closes the transport and
 * every endpoint opened through it. SCR calls activation and deactivation.
 */
@Component(service = {}, immediate = true, configurationPid = ShmTransportComponent.PID)
@Designate(ocd = ShmTransportComponent.Config.class)
public final class ShmTransportComponent {
    /** The configuration PID, the bundle symbolic name. */
    public static final String PID = "org.memfabric.transport.shm";

    /** Configuration of the shared-memory transport. */
    @ObjectClassDefinition(id = PID, name = "MemFabric shared-memory transport",
        description = "Same-host transport: peers map each other's memfd segments.")
    public @interface Config {
        /**
         * Threads of the copy engine performing asynchronous copies.
         *
         * @return 1..4
         */
        @AttributeDefinition(min = "1", max = "4", description = "Threads performing asynchronous copies.")
        int copyThreads() default ShmTransport.DEFAULT_COPY_THREADS;
    }

    private final ShmTransport transport;
    private final ServiceRegistration<Transport> registration;

    /**
     * Validates the configuration, builds the transport and registers it.
     *
     * @param context the bundle context to register with
     * @param config the configuration
     * @throws InvalidArgumentException naming the PID and key when a value is out of range
     */
    @Activate
    public ShmTransportComponent(final BundleContext context, final Config config) {
        final int copyThreads = config.copyThreads();
        if (copyThreads < 1 || copyThreads > ShmTransport.MAX_COPY_THREADS) {
            throw LastError.record(new InvalidArgumentException(PID + ": copyThreads must be 1.."
                + ShmTransport.MAX_COPY_THREADS + ": copyThreads=" + copyThreads));
        }
        this.transport = new ShmTransport(copyThreads);
        this.registration = context.registerService(Transport.class, transport,
            TransportServiceProperties.dictionary(transport));
    }

    /** Unregisters the service, then closes the transport and every endpoint opened through it. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (final IllegalStateException alreadyUnregistered) {
            // The framework unregisters a stopping bundle's services itself; closing the transport is what matters.
        } finally {
            transport.close();
        }
    }

    /**
     * The transport this component published.
     *
     * @return the transport
     */
    ShmTransport transport() {
        return transport;
    }
}
