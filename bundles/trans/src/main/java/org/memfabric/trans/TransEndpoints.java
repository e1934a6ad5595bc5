package org.memfabric.trans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * This engine's endpoints, one per usable transport whose kinds the engine's {@code dataOpTypes} allow, and the
 * regions it exported on each. A region is exported on
 * every endpoint that accepts it: the shared-memory transport refuses memory outside a segment (then that region is
 * simply not offered over it), other refusals roll the region back everywhere.
 *
 * <p>Threading: changed by the engine under its registration lock (register, deregister, transports coming and
 * going); {@link #find(String)} is read by data-path threads without that lock.
 */
final class TransEndpoints implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("trans");

    /** One transport's endpoint and the chunks of each region exported on it. */
    static final class Opened {
        private final Transport transport;
        private final TransportEndpoint endpoint;
        private final Map<Long, List<RegisteredRegion>> exported = new LinkedHashMap<>();

        Opened(final Transport transport, final TransportEndpoint endpoint) {
            this.transport = transport;
            this.endpoint = endpoint;
        }

        Transport transport() {
            return transport;
        }

        TransportEndpoint endpoint() {
            return endpoint;
        }
    }

    private final String uniqueId;
    private final EndpointConfig config;
    private final Set<DataOpKind> allowedKinds;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();
    private final Map<String, String> unusable = new ConcurrentHashMap<>();

    TransEndpoints(final String uniqueId, final EndpointConfig config, final Set<DataOpKind> allowedKinds) {
        this.uniqueId = uniqueId;
        this.config = config;
        this.allowedKinds = EnumSet.copyOf(allowedKinds);
    }

    /**
     * Opens an endpoint on a transport if it is available and exports the given regions on it.
     *
     * @return whether an endpoint was opened
     */
    boolean open(final Transport transport, final Collection<LocalRegion> regions) {
        if (opened.containsKey(transport.name())) {
            return false;
        }
        if (!transport.availability().isAvailable()) {
            unusable.put(transport.name(), "unavailable: " + transport.availability().reason());
            return false;
        }
        if (Collections.disjoint(transport.kinds(), allowedKinds)) {
            unusable.put(transport.name(), "serves none of the allowed data-op kinds: kinds=" + transport.kinds()
                + ", allowed=" + allowedKinds);
            return false;
        }
        final TransportEndpoint endpoint;
        try {
            endpoint = transport.open(config);
        } catch (final MemFabricException | IllegalStateException e) {
            unusable.put(transport.name(), "open failed: " + e.getMessage());
            LOG.error("trans endpoint open failed: uniqueId=" + uniqueId + ", transport=" + transport.name(), e);
            return false;
        }
        final Opened o = new Opened(transport, endpoint);
        for (final LocalRegion r : regions) {
            exportOn(o, r);
        }
        opened.put(transport.name(), o);
        unusable.remove(transport.name());
        LOG.info("trans endpoint open: uniqueId=" + uniqueId + ", transport=" + transport.name() + ", address="
            + endpoint.descriptor().address() + ", regions=" + o.exported.size());
        return true;
    }

    /** Closes a transport's endpoint; peers' requests over it fail from now on. */
    boolean close(final Transport transport) {
        final Opened o = opened.get(transport.name());
        if (o == null || o.transport != transport) {
            return false;
        }
        opened.remove(transport.name());
        o.endpoint.close();
        LOG.info("trans endpoint closed: uniqueId=" + uniqueId + ", transport=" + transport.name());
        return true;
    }

    Opened find(final String transportName) {
        return opened.get(transportName);
    }

    boolean isEmpty() {
        return opened.isEmpty();
    }

    /**
     * Exports a region on every endpoint that accepts it.
     *
     * @throws TransportException when no endpoint accepts it, or one fails otherwise (nothing stays exported then)
     */
    void export(final LocalRegion region) {
        final List<String> refused = new ArrayList<>();
        int accepted = 0;
        for (final Opened o : opened.values()) {
            try {
                if (exportOn(o, region)) {
                    accepted++;
                } else {
                    refused.add(o.transport.name());
                }
            } catch (final MemFabricException | IllegalStateException e) {
                withdraw(region);
                throw new TransportException(o.transport.name(), -1, "trans register failed on a transport: uniqueId="
                    + uniqueId + ", " + region + ", transport=" + o.transport.name() + ", cause=" + e.getMessage(), e);
            }
        }
        if (accepted == 0) {
            throw new TransportException("none", -1, "no transport can export the memory: uniqueId=" + uniqueId + ", "
                + region + ", refusedBy=" + refused + ", notUsed=" + unusable, null);
        }
    }

    /** Registers the region's chunks on one endpoint; false when the transport refuses this kind of memory. */
    private boolean exportOn(final Opened o, final LocalRegion region) {
        final List<RegisteredRegion> chunks = new ArrayList<>(region.chunkCount());
        try {
            for (int i = 0; i < region.chunkCount(); i++) {
                chunks.add(o.endpoint.registerRegion(region.chunk(i)));
            }
        } catch (final InvalidArgumentException refused) {
            for (final RegisteredRegion c : chunks) {
                o.endpoint.deregisterRegion(c);
            }
            LOG.debug(() -> "trans memory not exported on a transport: uniqueId=" + uniqueId + ", " + region
                + ", transport=" + o.transport.name() + ", reason=" + refused.getMessage());
            return false;
        }
        o.exported.put(region.address(), chunks);
        return true;
    }

    /** Deregisters a region's chunks everywhere; returns once no peer request touches them any more. */
    void withdraw(final LocalRegion region) {
        for (final Opened o : opened.values()) {
            final List<RegisteredRegion> chunks = o.exported.remove(region.address());
            if (chunks != null) {
                for (final RegisteredRegion c : chunks) {
                    if (o.endpoint.isRegistered(c)) {
                        o.endpoint.deregisterRegion(c);
                    }
                }
            }
        }
    }

    /** The peer descriptor of every open endpoint, in a stable order. */
    List<PeerDescriptor> descriptors() {
        final List<PeerDescriptor> out = new ArrayList<>();
        for (final Opened o : opened.values()) {
            out.add(o.endpoint.descriptor());
        }
        return out;
    }

    /** The record entry of a region: per transport that exported it, its chunk descriptors. */
    EngineRecord.Region describe(final LocalRegion region, final List<PeerDescriptor> published) {
        final Map<String, List<RegionDescriptor>> byTransport = new LinkedHashMap<>();
        for (final PeerDescriptor p : published) {
            final Opened o = opened.get(p.transportName());
            final List<RegisteredRegion> chunks = o == null ? null : o.exported.get(region.address());
            if (chunks != null) {
                final List<RegionDescriptor> d = new ArrayList<>(chunks.size());
                for (final RegisteredRegion c : chunks) {
                    d.add(c.descriptor());
                }
                byTransport.put(p.transportName(), d);
            }
        }
        return new EngineRecord.Region(region.address(), region.sizeBytes(), byTransport);
    }

    List<String> openNames() {
        return new ArrayList<>(opened.keySet());
    }

    Map<String, String> unusable() {
        return new LinkedHashMap<>(unusable);
    }

    Map<String, Long> counters() {
        final Map<String, Long> all = new LinkedHashMap<>();
        for (final Opened o : opened.values()) {
            for (final Map.Entry<String, Long> e : o.endpoint.counters().entrySet()) {
                all.put(o.transport.name() + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public void close() {
        for (final Opened o : opened.values()) {
            o.endpoint.close();
        }
        opened.clear();
    }
}
