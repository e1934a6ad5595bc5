package org.memfabric.transport.shm;

import java.util.Dictionary;

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

        /**
         * Lanes a large copy or batch is split into: the copying thread plus {@code copyLanes - 1} helper threads.
         * The default is two where the machine has two cores.
         *
         * @return 1..8; 0 (the default) picks {@code min(2, cores)}
         */
        @AttributeDefinition(min = "0", max = "8", description = "Lanes a large copy is split into (0 = min(2, cores)).")
        int copyLanes() default 0;

        /**
         * Smallest copy or batch, in KiB, that is split into lanes.
         *
         * @return at least 1
         */
        @AttributeDefinition(min = "1", description = "Smallest copy or batch (KiB) split into lanes.")
        long parallelMinKiB() default ShmTransport.DEFAULT_PARALLEL_MIN_BYTES / 1024;
    }

    /** Service property: the number of copy lanes. */
    public static final String COPY_LANES = "memfabric.copyLanes";
    /** Service property: the smallest copy or batch, in bytes, split into lanes. */
    public static final String PARALLEL_MIN_BYTES = "memfabric.parallelMinBytes";

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
        final int copyLanes = config.copyLanes() == 0 ? ShmTransport.DEFAULT_COPY_LANES : config.copyLanes();
        if (copyLanes < 1 || copyLanes > ShmTransport.MAX_COPY_LANES) {
            throw LastError.record(new InvalidArgumentException(PID + ": copyLanes must be 0.."
                + ShmTransport.MAX_COPY_LANES + ": copyLanes=" + config.copyLanes()));
        }
        final long parallelMinKiB = config.parallelMinKiB();
        if (parallelMinKiB < 1 || parallelMinKiB > Long.MAX_VALUE / 1024) {
            throw LastError.record(new InvalidArgumentException(PID + ": parallelMinKiB must be at least 1: "
                + "parallelMinKiB=" + parallelMinKiB));
        }
        this.transport = new ShmTransport(copyThreads, copyLanes, parallelMinKiB * 1024);
        final Dictionary<String, Object> properties = TransportServiceProperties.dictionary(transport);
        properties.put(COPY_LANES, copyLanes);
        properties.put(PARALLEL_MIN_BYTES, parallelMinKiB * 1024);
        this.registration = context.registerService(Transport.class, transport, properties);
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
