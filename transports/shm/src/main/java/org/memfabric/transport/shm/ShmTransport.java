package org.memfabric.transport.shm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.Availability;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * The same-host shared-memory transport: endpoints publish a region table in a memfd control segment, peers of the
 * same kernel map it and the data segments ({@link org.memfabric.memory.Segment}s) it points into, and a copy is a
 * {@link java.nio.ByteBuffer} bulk copy between mappings after the table's checks. See the package documentation
 * for the layout, the checks and the threading.
 *
 * <p>Any thread may open endpoints and close the transport. Synchronous copies run on the caller's thread,
 * asynchronous ones on this transport's copy engine ({@code copyThreads} daemon threads). {@link #close()} closes
 * every endpoint opened through this instance and fails asynchronous copies still queued.
 */
public final class ShmTransport implements Transport, AutoCloseable {
    /** The transport name. */
    public static final String NAME = "shm";
    /** The data-op kinds served, as a service property value. */
    public static final String KINDS = "SDMA,MTE";
    /** The priority: above TCP (100), below in-process copies (1000). */
    public static final int PRIORITY = 800;
    /** Default number of copy-engine threads. */
    public static final int DEFAULT_COPY_THREADS = 2;
    /** Largest number of copy-engine threads. */
    public static final int MAX_COPY_THREADS = 4;
    /** Default number of copy lanes for large copies (the caller plus helpers): two where there are two cores. */
    public static final int DEFAULT_COPY_LANES = CopyLanes.DEFAULT_LANES;
    /** Largest number of copy lanes. */
    public static final int MAX_COPY_LANES = CopyLanes.MAX_LANES;
    /** Default smallest copy or batch, in bytes, that is split into lanes. */
    public static final long DEFAULT_PARALLEL_MIN_BYTES = CopyLanes.DEFAULT_PARALLEL_MIN_BYTES;
    /** Queued asynchronous copies before callers run their own. */
    static final int COPY_QUEUE_CAPACITY = 1024;

    /** The data-op kinds served. */
    static final Set<DataOpKind> KIND_SET = Collections.unmodifiableSet(EnumSet.of(DataOpKind.SDMA, DataOpKind.MTE));

    private final AsyncTransferPool engine;
    private final CopyLanes lanes;
    private final Set<ShmEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Creates the transport with the default copy engine and copy lanes. */
    public ShmTransport() {
        this(DEFAULT_COPY_THREADS);
    }

    /**
     * Creates the transport with the default copy lanes.
     *
     * @param copyThreads 1..{@value #MAX_COPY_THREADS} threads performing asynchronous copies
     */
    public ShmTransport(final int copyThreads) {
        this(copyThreads, DEFAULT_COPY_LANES, DEFAULT_PARALLEL_MIN_BYTES);
    }

    /**
     * Creates the transport.
     *
     * @param copyThreads 1..{@value #MAX_COPY_THREADS} threads performing asynchronous copies
     * @param copyLanes 1..{@value #MAX_COPY_LANES} lanes a large copy or batch is split into (the copying thread plus
     *        {@code copyLanes - 1} helper threads); 1 copies on the calling thread only
     * @param parallelMinBytes smallest copy or batch total, in bytes, that is split into lanes
     */
    public ShmTransport(final int copyThreads, final int copyLanes, final long parallelMinBytes) {
        Validate.inRange("copyThreads", copyThreads, 1, MAX_COPY_THREADS);
        Validate.inRange("copyLanes", copyLanes, 1, MAX_COPY_LANES);
        Validate.positive("parallelMinBytes", parallelMinBytes);
        this.engine = new AsyncTransferPool(NAME, copyThreads, COPY_QUEUE_CAPACITY);
        this.lanes = new CopyLanes("memfabric-" + NAME, copyLanes, parallelMinBytes);
    }

    /** The number of copy lanes. */
    public int copyLanes() {
        return lanes.lanes();
    }

    /** The smallest copy or batch, in bytes, split into lanes. */
    public long parallelMinBytes() {
        return lanes.parallelMinBytes();
    }

    CopyLanes lanes() {
        return lanes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DataOpKind> kinds() {
        return KIND_SET;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return ShmAvailability.AVAILABILITY;
    }

    @Override
    public TransportEndpoint open(final EndpointConfig config) {
        Validate.notNull("config", config);
        availability().ensureAvailable(NAME);
        ensureOpen(config);
        final ShmEndpoint endpoint = new ShmEndpoint(config, engine, this);
        endpoints.add(endpoint);
        if (!open.get()) {
            endpoint.close();
            ensureOpen(config);
        }
        return endpoint;
    }

    /** Closes every endpoint opened through this instance, stops the copy engine and the lane helpers. Idempotent. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        for (final ShmEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        engine.close();
        lanes.close();
    }

    void forget(final ShmEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    private void ensureOpen(final EndpointConfig config) {
        if (!open.get()) {
            throw new TransportException(NAME, -1, "transport closed: operation=open, participant="
                + config.participant(), null);
        }
    }

    @Override
    public String toString() {
        return "transport=" + NAME + ", open=" + open.get() + ", endpoints=" + endpoints.size() + ", " + lanes;
    }
}
