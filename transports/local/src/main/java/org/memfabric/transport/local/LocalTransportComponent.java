package org.memfabric.transport.local;

import java.util.Set;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.transport.spi.Availability;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.spi.TransportServiceProperties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The DS component publishing a {@link LocalTransport} as a {@link Transport} service: reads its configuration
 * (PID {@value #PID}), builds the plain transport and delegates to it; deactivation closes it and every endpoint
 * opened through it. SCR calls activation and deactivation; any thread calls the delegating methods.
 */
@Component(
    service = Transport.class,
    configurationPid = LocalTransportComponent.PID,
    property = {
        TransportServiceProperties.NAME + "=" + LocalTransport.NAME,
        TransportServiceProperties.KINDS + "=" + LocalTransport.KINDS,
        TransportServiceProperties.PRIORITY + ":Integer=" + LocalTransport.PRIORITY,
        TransportServiceProperties.AVAILABLE + "=true"
    })
@Designate(ocd = LocalTransportComponent.Config.class)
public final class LocalTransportComponent implements Transport {
    /** The configuration PID, the bundle symbolic name. */
    public static final String PID = "org.memfabric.transport.local";

    /** Configuration of the in-process transport. */
    @ObjectClassDefinition(id = PID, name = "MemFabric in-process transport",
        description = "Transport between endpoints of one JVM.")
    public @interface Config {
        /**
         * Threads completing asynchronous transfers.
         *
         * @return 1..64
         */
        @AttributeDefinition(min = "1", max = "64", description = "Threads completing asynchronous transfers.")
        int asyncThreads() default LocalTransport.DEFAULT_ASYNC_THREADS;
    }

    private final LocalTransport transport;

    /**
     * Validates the configuration and builds the transport.
     *
     * @param config the configuration
     * @throws InvalidArgumentException naming the PID and key when a value is out of range
     */
    @Activate
    public LocalTransportComponent(final Config config) {
        final int asyncThreads = config.asyncThreads();
        if (asyncThreads < 1 || asyncThreads > LocalTransport.MAX_ASYNC_THREADS) {
            throw LastError.record(new InvalidArgumentException(PID + ": asyncThreads must be 1.."
                + LocalTransport.MAX_ASYNC_THREADS + ": asyncThreads=" + asyncThreads));
        }
        this.transport = new LocalTransport(asyncThreads);
    }

    /** Closes the transport and every endpoint opened through it. */
    @Deactivate
    void deactivate() {
        transport.close();
    }

    @Override
    public String name() {
        return transport.name();
    }

    @Override
    public Set<DataOpKind> kinds() {
        return transport.kinds();
    }

    @Override
    public int priority() {
        return transport.priority();
    }

    @Override
    public Availability availability() {
        return transport.availability();
    }

    @Override
    public TransportEndpoint open(final EndpointConfig config) {
        return transport.open(config);
    }
}
