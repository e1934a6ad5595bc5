package org.memfabric.transport.local;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.transport.spi.AsyncTransferPool;
import org.memfabric.transport.spi.Availability;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * The in-process transport: endpoints of this JVM reach each other through a JVM-wide registry keyed by endpoint
 * address, and one-sided operations are {@link java.nio.ByteBuffer} copies checked by the owner. Always available.
 *
 * <p>Any thread may open endpoints and close the transport. Synchronous transfers run on the caller's thread;
 * asynchronous ones on this transport's small executor ({@code asyncThreads} daemon threads). {@link #close()}
 * closes every endpoint opened through this instance and fails asynchronous transfers still queued.
 */
public final class LocalTransport implements Transport, AutoCloseable {
    /** The transport name. */
    public static final String NAME = "local";
    /** The data-op kind served, as a service property value. */
    public static final String KINDS = "LOCAL";
    /** The priority: in-process copies beat every transport that leaves the process. */
    public static final int PRIORITY = 1000;
    /** Default number of threads completing asynchronous transfers. */
    public static final int DEFAULT_ASYNC_THREADS = 2;
    /** Largest number of threads completing asynchronous transfers. */
    public static final int MAX_ASYNC_THREADS = 64;
    /** Queued asynchronous transfers before callers run their own. */
    static final int ASYNC_QUEUE_CAPACITY = 4096;

    private static final int MAX_PARTICIPANT_CHARS_IN_ADDRESS = 64;

    private final LocalEndpointRegistry registry;
    private final AsyncTransferPool executor;
    private final Set<LocalEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Creates the transport with {@value #DEFAULT_ASYNC_THREADS} asynchronous threads. */
    public LocalTransport() {
        this(DEFAULT_ASYNC_THREADS);
    }

    /**
     * Creates the transport.
     *
     * @param asyncThreads 1..{@value #MAX_ASYNC_THREADS} threads completing asynchronous transfers
     */
    public LocalTransport(final int asyncThreads) {
        this(asyncThreads, LocalEndpointRegistry.jvmWide());
    }

    LocalTransport(final int asyncThreads, final LocalEndpointRegistry registry) {
        Validate.inRange("asyncThreads", asyncThreads, 1, MAX_ASYNC_THREADS);
        this.executor = new AsyncTransferPool(NAME, asyncThreads, ASYNC_QUEUE_CAPACITY);
        this.registry = registry;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DataOpKind> kinds() {
        return EnumSet.of(DataOpKind.LOCAL);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public TransportEndpoint open(final EndpointConfig config) {
        Validate.notNull("config", config);
        if (!open.get()) {
            throw new TransportException(NAME, -1, "transport closed: operation=open, participant="
                + config.participant(), null);
        }
        final LocalEndpoint endpoint = new LocalEndpoint(config, newAddress(config), registry, executor, this);
        endpoints.add(endpoint);
        registry.add(endpoint);
        if (!open.get()) {
            endpoint.close();
            throw new TransportException(NAME, -1, "transport closed: operation=open, participant="
                + config.participant(), null);
        }
        return endpoint;
    }

    /** Closes every endpoint opened through this instance and stops the asynchronous executor. Idempotent. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        for (final LocalEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        executor.close();
    }

    void forget(final LocalEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    private static EndpointAddress newAddress(final EndpointConfig config) {
        final String participant = config.participant();
        final String shown = participant.length() <= MAX_PARTICIPANT_CHARS_IN_ADDRESS ? participant
            : participant.substring(0, MAX_PARTICIPANT_CHARS_IN_ADDRESS);
        return EndpointAddress.ofText(NAME + ":" + shown + ":" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return "transport=" + NAME + ", open=" + open.get() + ", endpoints=" + endpoints.size();
    }
}
