package org.memfabric.transport.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * The TCP transport: reaches peers on any host over persistent TCP connections; one-sided writes and reads are
 * served by the owner after it checked the target lies inside memory it registered. See the package documentation for
 * the protocol and the threading.
 *
 * <p>Any thread may open endpoints and close the transport. The transport owns one scheduler thread (the endpoints'
 * timeout watchdogs) and {@code asyncThreads} threads running asynchronous transfers; every endpoint adds an acceptor
 * thread and one thread per link peers open to it. {@link #close()} closes every endpoint opened through this
 * instance and fails asynchronous transfers still queued.
 */
public final class TcpTransport implements Transport, AutoCloseable {
    /** The transport name. */
    public static final String NAME = "tcp";
    /** Queued asynchronous transfers before submitters run their own. */
    static final int ASYNC_QUEUE_CAPACITY = 4096;
    /** The data-op kind served, as a service property value. */
    public static final String KINDS = "HOST_TCP";
    /** The priority: below in-process (1000) and same-host shared memory (800); TCP is the any-host fallback. */
    public static final int PRIORITY = 100;

    /** Probed once per class loader: TCP is part of every JVM, but a host without loopback cannot use it. */
    private static final Availability AVAILABILITY =
        Availability.probe("tcp loopback listener", TcpTransport::probeLoopback);

    private final TcpTransportSettings settings;
    private final AsyncTransferPool executor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<TcpEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Creates the transport with {@link TcpTransportSettings#defaults()}. */
    public TcpTransport() {
        this(TcpTransportSettings.defaults());
    }

    /**
     * Creates the transport.
     *
     * @param settings the validated settings
     */
    public TcpTransport(final TcpTransportSettings settings) {
        this.settings = Validate.notNull("settings", settings);
        this.executor = new AsyncTransferPool(NAME, settings.asyncThreads(), ASYNC_QUEUE_CAPACITY);
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread thread = new Thread(runnable, "memfabric-tcp-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    private static void probeLoopback() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                SocketChannel accepted = listener.accept()) {
                if (!client.isConnected() || accepted == null) {
                    throw new IllegalStateException("loopback connection not established");
                }
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DataOpKind> kinds() {
        return EnumSet.of(DataOpKind.HOST_TCP);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return AVAILABILITY;
    }

    /**
     * The settings this transport was built with.
     *
     * @return the settings
     */
    public TcpTransportSettings settings() {
        return settings;
    }

    /**
     * Opens an endpoint listening as its {@code tcp.listen} option says (default {@code <bindHost>:0}).
     *
     * @param config the endpoint configuration; options {@code tcp.listen} and {@code tcp.advertiseHost}
     * @return the open endpoint
     * @throws org.memfabric.api.InvalidArgumentException when an option is malformed
     * @throws TransportException when the transport is closed or the listener cannot be bound
     */
    @Override
    public TransportEndpoint open(final EndpointConfig config) {
        Validate.notNull("config", config);
        AVAILABILITY.ensureAvailable(NAME);
        ensureOpen(config);
        final TcpEndpoint endpoint = TcpEndpoint.open(this, config, settings, scheduler, executor);
        endpoints.add(endpoint);
        if (!open.get()) {
            endpoint.close();
            ensureOpen(config);
        }
        return endpoint;
    }

    /** Closes every endpoint opened through this instance and stops the transport's threads. Idempotent. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        for (final TcpEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        executor.close();
        scheduler.shutdownNow();
    }

    void forget(final TcpEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    private void ensureOpen(final EndpointConfig config) {
        if (!open.get()) {
            throw new TransportException(NAME, -1, "transport closed: operation=open, transport=tcp, participant="
                + config.participant(), null);
        }
    }

    @Override
    public String toString() {
        return "transport=" + NAME + ", open=" + open.get() + ", endpoints=" + endpoints.size() + ", " + settings;
    }
}
