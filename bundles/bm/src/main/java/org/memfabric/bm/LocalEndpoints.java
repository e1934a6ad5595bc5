package org.memfabric.bm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * This rank's endpoints of one BM object: for every usable transport (available, serving an allowed data-op
 * kind) an endpoint with the rank's pools registered in {@link RankExport#CHUNK_BYTES} chunks. Transports are
 * opened and closed as they come and go; {@link #export(long)} describes the current set for peers.
 * Thread-safe (synchronized; changes are rare).
 */
final class LocalEndpoints implements AutoCloseable {
    private static final FabricLogger LOG = FabricLogger.of("bm");

    /** One transport's endpoint and the chunks registered with it. */
    static final class Opened {
        private final Transport transport;
        private final TransportEndpoint endpoint;
        private final List<RegisteredRegion> hostChunks;
        private final List<RegisteredRegion> deviceChunks;

        Opened(final Transport transport, final TransportEndpoint endpoint, final List<RegisteredRegion> hostChunks,
            final List<RegisteredRegion> deviceChunks) {
            this.transport = transport;
            this.endpoint = endpoint;
            this.hostChunks = hostChunks;
            this.deviceChunks = deviceChunks;
        }

        Transport transport() {
            return transport;
        }

        TransportEndpoint endpoint() {
            return endpoint;
        }
    }

    private final int rank;
    private final EndpointConfig config;
    private final Set<DataOpKind> allowedKinds;
    private final LocalPools pools;
    private final Map<Transport, Opened> opened = new LinkedHashMap<>();
    private final Map<String, String> unusable = new LinkedHashMap<>();

    LocalEndpoints(final int rank, final EndpointConfig config, final Set<DataOpKind> allowedKinds,
        final LocalPools pools) {
        this.rank = rank;
        this.config = config;
        this.allowedKinds = EnumSet.copyOf(allowedKinds);
        this.pools = pools;
    }

    Set<DataOpKind> allowedKinds() {
        return Collections.unmodifiableSet(allowedKinds);
    }

    /** Opens an endpoint on a transport if it is usable; returns whether one was opened. */
    synchronized boolean open(final Transport transport) {
        if (opened.containsKey(transport)) {
            return false;
        }
        if (!transport.availability().isAvailable()) {
            unusable.put(transport.name(), "unavailable: " + transport.availability().reason());
            return false;
        }
        final Set<DataOpKind> kinds = EnumSet.noneOf(DataOpKind.class);
        kinds.addAll(transport.kinds());
        kinds.retainAll(allowedKinds);
        if (kinds.isEmpty()) {
            unusable.put(transport.name(), "serves none of the allowed data-op kinds: kinds=" + transport.kinds()
                + ", allowed=" + allowedKinds);
            return false;
        }
        TransportEndpoint endpoint = null;
        try {
            endpoint = transport.open(config);
            final List<RegisteredRegion> host = register(endpoint, true);
            final List<RegisteredRegion> device = register(endpoint, false);
            opened.put(transport, new Opened(transport, endpoint, host, device));
            unusable.remove(transport.name());
            LOG.info("bm endpoint open: rank=" + rank + ", transport=" + transport.name() + ", address="
                + endpoint.descriptor().address() + ", hostChunks=" + host.size() + ", deviceChunks=" + device.size());
            return true;
        } catch (final MemFabricException | IllegalStateException e) {
            unusable.put(transport.name(), "open failed: " + e.getMessage());
            LOG.error("bm endpoint open failed: rank=" + rank + ", transport=" + transport.name(), e);
            if (endpoint != null) {
                endpoint.close();
            }
            return false;
        }
    }

    private List<RegisteredRegion> register(final TransportEndpoint endpoint, final boolean host) {
        final long size = pools.sizeBytes(host);
        final List<RegisteredRegion> chunks = new ArrayList<>();
        for (long off = 0; off < size; off += RankExport.CHUNK_BYTES) {
            final int len = (int) Math.min(RankExport.CHUNK_BYTES, size - off);
            final ByteBuffer view = pools.view(host, off, len);
            chunks.add(endpoint.registerRegion(view));
        }
        return chunks;
    }

    /** Closes a transport's endpoint (its in-flight operations end with a transport error or complete). */
    synchronized boolean close(final Transport transport) {
        final Opened o = opened.remove(transport);
        if (o == null) {
            return false;
        }
        o.endpoint.close();
        LOG.info("bm endpoint closed: rank=" + rank + ", transport=" + transport.name());
        return true;
    }

    /** The endpoint on a transport of this name, or null. */
    synchronized Opened find(final String transportName) {
        for (final Opened o : opened.values()) {
            if (o.transport.name().equals(transportName)) {
                return o;
            }
        }
        return null;
    }

    synchronized RankExport export(final long generation) {
        final List<RankExport.Entry> entries = new ArrayList<>();
        for (final Opened o : opened.values()) {
            entries.add(new RankExport.Entry(o.endpoint.descriptor(), descriptors(o.hostChunks),
                descriptors(o.deviceChunks)));
        }
        return new RankExport(rank, generation, pools.sizeBytes(true), pools.sizeBytes(false), entries);
    }

    /** Transport name to the reason it is not used, for doctor and errors. */
    synchronized Map<String, String> unusable() {
        return new LinkedHashMap<>(unusable);
    }

    synchronized List<String> openNames() {
        final List<String> names = new ArrayList<>();
        for (final Transport t : opened.keySet()) {
            names.add(t.name());
        }
        return names;
    }

    synchronized Map<String, Long> counters() {
        final Map<String, Long> all = new LinkedHashMap<>();
        for (final Opened o : opened.values()) {
            for (final Map.Entry<String, Long> e : o.endpoint.counters().entrySet()) {
                all.put(o.transport.name() + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    private static List<RegionDescriptor> descriptors(final List<RegisteredRegion> regions) {
        final List<RegionDescriptor> out = new ArrayList<>(regions.size());
        for (final RegisteredRegion r : regions) {
            out.add(r.descriptor());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        for (final Opened o : opened.values()) {
            o.endpoint.close();
        }
        opened.clear();
    }
}
