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
    /** Queued asynchronous copies before callers run their own. */
    static final int COPY_QUEUE_CAPACITY = 1024;

    /** The data-op kinds served. */
    static final Set<DataOpKind> KIND_SET = Collections.unmodifiableSet(EnumSet.of(DataOpKind.SDMA, DataOpKind.MTE));

    private final AsyncTransferPool engine;
    private final Set<ShmEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Creates the transport with {@value #DEFAULT_COPY_THREADS} copy-engine threads. */
    public ShmTransport() {
        this(DEFAULT_COPY_THREADS);
    }

    /**
     * Creates the transport.
     *
     * @param copyThreads 1..{@value #MAX_COPY_THREADS} threads performing asynchronous copies
     */
    public ShmTransport(final int copyThreads) {
        Validate.inRange("copyThreads", copyThreads, 1, MAX_COPY_THREADS);
        this.engine = new AsyncTransferPool(NAME, copyThreads, COPY_QUEUE_CAPACITY);
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

    /** Closes every endpoint opened through this instance and stops the copy engine. Idempotent. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        for (final ShmEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        engine.close();
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
        return "transport=" + NAME + ", open=" + open.get() + ", endpoints=" + endpoints.size();
    }
}
