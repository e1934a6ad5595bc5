package org.memfabric.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.TransportException;

/**
 * The listening side of an endpoint: accepts links from peers and serves each on its own {@link TcpServerLink}
 * thread.
 *
 * <p>One acceptor daemon thread blocks in {@code accept}; each accepted link gets a daemon thread of its own, so a
 * request is served by the thread that reads it, without a hand-off. {@link #close()}, from any thread, closes the
 * listener and every link; threads blocked on them wake up and end.
 */
final class TcpServer implements AutoCloseable {
    /** Links served at once; each has a thread, so a flood of connections is refused rather than served. */
    static final int MAX_LINKS = 4096;
    private static final int BACKLOG = 128;
    private static final long ACCEPT_RETRY_NS = 10_000_000;
    private static final long ACCEPTOR_EXIT_WAIT_MS = 10_000;
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private final ServerSocketChannel listener;
    private final TcpHostPort bound;
    private final TcpTransportSettings settings;
    private final TcpRegionTable regions;
    private final TcpCounters counters;
    private final TcpWatchdog watchdog;
    private final long timeoutNs;
    private final int ownerRank;
    private final int incarnation;
    private final Set<TcpServerLink> links = ConcurrentHashMap.newKeySet();
    private final String address;
    private final Thread acceptor;
    private volatile boolean open = true;

    private TcpServer(final ServerSocketChannel listener, final TcpHostPort bound, final TcpTransportSettings settings,
        final String address, final TcpRegionTable regions, final TcpCounters counters, final TcpWatchdog watchdog,
        final long timeoutNs, final int ownerRank, final int incarnation) {
        this.listener = listener;
        this.address = address;
        this.bound = bound;
        this.settings = settings;
        this.regions = regions;
        this.counters = counters;
        this.watchdog = watchdog;
        this.timeoutNs = timeoutNs;
        this.ownerRank = ownerRank;
        this.incarnation = incarnation;
        this.acceptor = new Thread(this::acceptLoop, "memfabric-tcp-accept-" + bound.port());
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds a listener; {@link #start} serves it.
     *
     * @param listen where to listen, from the {@code tcp.listen} option
     * @param settings the transport settings (socket buffers)
     * @return the bound listener
     * @throws InvalidArgumentException when the host does not resolve
     * @throws TransportException when the address cannot be bound
     */
    static ServerSocketChannel bind(final TcpHostPort listen, final TcpTransportSettings settings) {
        final InetSocketAddress address = listen.toSocketAddress();
        if (address.isUnresolved()) {
            throw LastError.record(new InvalidArgumentException("tcp.listen host does not resolve: "
                + TcpEndpoint.OPTION_LISTEN + "=" + listen));
        }
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (settings.socketReceiveBufferBytes() > 0) {
                listener.setOption(StandardSocketOptions.SO_RCVBUF, settings.socketReceiveBufferBytes());
            }
            listener.bind(address, BACKLOG);
            return listener;
        } catch (final IOException e) {
            closeQuietly(listener);
            throw new TransportException(TcpTransport.NAME, -1, "cannot listen: transport=tcp, "
                + TcpEndpoint.OPTION_LISTEN + "=" + listen + ", cause=" + e, e);
        }
    }

    /**
     * Starts serving a bound listener.
     *
     * @param address the endpoint's printable address, for names and messages
     * @return the running server
     */
    static TcpServer start(final ServerSocketChannel listener, final TcpHostPort bound,
        final TcpTransportSettings settings, final String address, final TcpRegionTable regions,
        final TcpCounters counters, final TcpWatchdog watchdog, final long timeoutNs, final int ownerRank,
        final int incarnation) {
        final TcpServer server = new TcpServer(listener, bound, settings, address, regions, counters, watchdog,
            timeoutNs, ownerRank, incarnation);
        server.acceptor.start();
        return server;
    }

    private void acceptLoop() {
        while (open) {
            final SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (final IOException e) {
                // closed by close(), or a transient accept failure (e.g. out of descriptors): stop only when closed
                if (!listener.isOpen()) {
                    return;
                }
                LockSupport.parkNanos(ACCEPT_RETRY_NS);
                continue;
            }
            serve(channel);
        }
    }

    private void serve(final SocketChannel channel) {
        try {
            TcpChannels.configure(channel, settings);
        } catch (final IOException e) {
            closeQuietly(channel);
            return;
        }
        if (links.size() >= MAX_LINKS) {
            counters.increment(TcpCounter.SERVED_LINKS_REFUSED);
            closeQuietly(channel);
            return;
        }
        final TcpServerLink link = new TcpServerLink(this, channel);
        links.add(link);
        watchdog.watch(link.guard());
        counters.increment(TcpCounter.SERVED_LINKS_ACCEPTED);
        if (!open) {
            link.close();
            forget(link);
            return;
        }
        final Thread thread = new Thread(link, "memfabric-tcp-serve-" + bound.port() + "-"
            + THREAD_NUMBERS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    void forget(final TcpServerLink link) {
        links.remove(link);
        watchdog.forget(link.guard());
    }

    TcpRegionTable regions() {
        return regions;
    }

    TcpCounters counters() {
        return counters;
    }

    long timeoutNs() {
        return timeoutNs;
    }

    int ownerRank() {
        return ownerRank;
    }

    int incarnation() {
        return incarnation;
    }

    int maxChunkBytes() {
        return settings.chunkSizeBytes();
    }

    String address() {
        return address;
    }

    /**
     * Stops accepting and closes every link; serving threads end on their own. Returns once the listening socket is
     * released, so that a new endpoint can bind the same port at once. Idempotent.
     */
    @Override
    public void close() {
        open = false;
        closeQuietly(listener);
        for (final TcpServerLink link : links) {
            link.close();
        }
        // A channel closed while a thread is blocked in accept() is only released when that thread returns from the
        // system call (JDK SocketChannel "deferred close"): wait for the acceptor so that the port is really free.
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(ACCEPTOR_EXIT_WAIT_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(final java.nio.channels.Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (final IOException ignored) {
            // nothing more to release
        }
    }
}
