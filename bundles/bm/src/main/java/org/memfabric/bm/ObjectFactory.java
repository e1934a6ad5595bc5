package org.memfabric.bm;

import java.time.Duration;
import java.util.Set;

import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Builds a BM object from explicit parts, for {@link org.memfabric.bm.engine.BmEngine} (this package is not
 * exported). Stateless.
 */
public final class ObjectFactory {
    private static final FabricLogger LOG = FabricLogger.of("bm");

    private ObjectFactory() {
    }

    /**
     * Allocates pools, opens endpoints and builds the object; everything is released again when a step fails.
     *
     * @param id the object id
     * @param label the segment label
     * @param store the object's prefixed store
     * @param rank this rank
     * @param worldSize the layout's world size
     * @param hostSlotBytes host bytes per rank
     * @param deviceSlotBytes device bytes per rank
     * @param kinds the transport kinds allowed
     * @param endpointConfig the endpoint configuration
     * @param catalog the transports
     * @param devices the device memory provider
     * @param controlTimeout the control-step bound
     * @param onClose run once when the object closes
     * @return the object, not joined
     */
    public static BigMemory open(final int id, final String label, final ConfigStore store, final int rank,
        final int worldSize, final long hostSlotBytes, final long deviceSlotBytes, final Set<DataOpKind> kinds,
        final EndpointConfig endpointConfig, final TransportCatalog catalog, final DeviceMemoryProvider devices,
        final Duration controlTimeout, final Runnable onClose) {
        final BigMemoryImpl bm = build(id, label, store, rank, new GvaLayout(worldSize, hostSlotBytes, deviceSlotBytes),
            hostSlotBytes, deviceSlotBytes, kinds, endpointConfig, catalog, devices, controlTimeout, onClose);
        LOG.info("bm engine object created: label=" + label + ", rank=" + rank + ", worldSize=" + worldSize);
        return bm;
    }

    /**
     * BM's endpoint configuration (see {@link org.memfabric.bm.engine.BmEngine#endpointConfig}).
     *
     * @param name the endpoint name
     * @param rank this rank
     * @param nicUrl the NIC URL
     * @param operationTimeoutMs the data-operation bound
     * @return the configuration
     */
    public static EndpointConfig endpointConfig(final String name, final int rank, final String nicUrl,
        final long operationTimeoutMs) {
        final long timeoutMs = Math.min(operationTimeoutMs, EndpointConfig.MAX_OPERATION_TIMEOUT_MS);
        final String listen = NicUrl.listenAddress(nicUrl, rank);
        final EndpointConfig.Builder b = EndpointConfig.builder(name).rank(rank).operationTimeoutMs(timeoutMs)
            .option("tcp.listen", listen);
        final String advertise = NicUrl.advertiseHost(listen);
        if (!advertise.isEmpty()) {
            b.option("tcp.advertiseHost", advertise);
        }
        return b.build();
    }

    static BigMemoryImpl build(final int id, final String label, final ConfigStore store, final int rank,
        final GvaLayout layout, final long hostBytes, final long deviceBytes, final Set<DataOpKind> kinds,
        final EndpointConfig endpointConfig, final TransportCatalog catalog, final DeviceMemoryProvider devices,
        final Duration controlTimeout, final Runnable onClose) {
        final LocalPools pools = LocalPools.allocate(label, hostBytes, deviceBytes, devices);
        try {
            final LocalEndpoints endpoints = new LocalEndpoints(rank, endpointConfig, kinds, pools);
            final BigMemoryImpl bm = new BigMemoryImpl(id, rank, store, layout, pools, endpoints, catalog,
                controlTimeout, onClose);
            LOG.info("bm object built: id=" + id + ", label=" + label + ", rank=" + rank + ", layout={" + layout
                + "}, kinds=" + kinds + ", transports=" + endpoints.openNames() + ", notUsed="
                + endpoints.unusable());
            return bm;
        } catch (final RuntimeException e) {
            pools.close();
            throw e;
        }
    }
}
