package org.memfabric.configstore.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.ResourceInUseException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.FramedLink;
import org.memfabric.configstore.wire.Handshake;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.WireFormatException;

/**
 * A running config store server: accepts links, runs the plaintext handshake (then TLS if configured), reads
 * requests on one thread per link and hands them to the {@link StoreEngine}. Parked GETs hold no thread; their
 * deadlines run on one timer thread. Links that have sent heartbeats and then fall silent for the heartbeat timeout
 * are closed, which reports their rank down.
 */
public final class StoreServer implements ConfigStoreServer {
    private static final FabricLogger LOG = FabricLogger.of("store-server");
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final StoreServerOptions options;
    private final LinkSecurity security;
    private final ServerSocket serverSocket;
    private final StoreUrl url;
    private final StoreServerCounters counters = new StoreServerCounters();
    private final StoreEngine engine;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService handshakes;
    private final ExecutorService pushes;
    private final Set<ServerLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong linkIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;

    private StoreServer(final StoreUrl listen, final StoreServerOptions options, final LinkSecurity security,
        final ServerSocket serverSocket) {
        this.options = options;
        this.security = security;
        this.serverSocket = serverSocket;
        this.name = "memfabric-store-" + SERVER_IDS.incrementAndGet();
        this.url = StoreUrl.of(new InetSocketAddress(listen.address(), serverSocket.getLocalPort()));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon(name + "-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.handshakes = Executors.newCachedThreadPool(daemon(name + "-handshake"));
        this.pushes = Executors.newCachedThreadPool(daemon(name + "-push"));
        this.engine = new StoreEngine(options.worldSize(), options.lastRankPolicy(), timer, counters);
    }

    /**
     * Binds and starts a server.
     *
     * @param listen the address (port 0 = any free port)
     * @param options the options (copied values are read now)
     * @param security plaintext or TLS
     * @return the running server
     * @throws ResourceInUseException when the address is in use
     */
    public static StoreServer start(final StoreUrl listen, final StoreServerOptions options,
        final LinkSecurity security) {
        final ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(listen.socketAddress(), 1024);
        } catch (final BindException e) {
            throw LastError.record(
                new ResourceInUseException("store listen address in use: url=" + listen + ", reason=" + e.getMessage(), e));
        } catch (final IOException e) {
            throw LastError.record(new MemFabricException(ErrorCode.SM_ERROR,
                "store listen failed: url=" + listen + ", reason=" + e.getMessage(), e));
        }
        final StoreServer server = new StoreServer(listen, options, security, socket);
        server.startThreads();
        LOG.info("store server listening: url=" + server.url + ", tls=" + security.isTls() + ", worldSize="
            + options.worldSize() + ", lastRankPolicy=" + options.lastRankPolicy());
        return server;
    }

    private void startThreads() {
        final Thread acceptor = daemon(name + "-accept").newThread(this::acceptLoop);
        acceptor.start();
        final long periodMs = Math.max(50, Math.min(1000, options.heartbeatTimeout().toMillis() / 4));
        timer.scheduleAtFixedRate(this::superviseHeartbeats, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            final Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (final IOException e) {
                if (!closed.get()) {
                    LOG.error("store accept failed: url=" + url, e);
                }
                return;
            }
            try {
                handshakes.execute(() -> admit(socket));
            } catch (final java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void admit(final Socket plain) {
        final String peer = String.valueOf(plain.getRemoteSocketAddress());
        Socket socket = plain;
        ServerLink opened = null;
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.setSoTimeout((int) options.handshakeTimeout().toMillis());
            final Handshake handshake =
                Handshake.decode(FramedLink.readExactly(plain.getInputStream(), Handshake.LENGTH, "handshake"));
            socket = security.acceptSide(plain);
            if (!handshake.isConfigStore()) {
                refuse(socket, ErrorCode.STORE_INVALID_MESSAGE, "handshake magic or version mismatch: peer=" + peer
                    + ", magic=" + handshake.magic() + ", version=" + handshake.version());
                return;
            }
            if (links.size() >= options.maxLinks()) {
                refuse(socket, ErrorCode.SM_RESOURCE_IN_USE,
                    "store link limit reached: peer=" + peer + ", maxLinks=" + options.maxLinks());
                return;
            }
            final FramedLink framed = new FramedLink(socket);
            final ServerLink admitted =
                new ServerLink(linkIds.incrementAndGet(), peer, framed, pushes, this::slowConsumer);
            engine.linkOpened(admitted, handshake);
            links.add(admitted);
            counters.linksAccepted.incrementAndGet();
            opened = admitted;
            if (closed.get()) {
                links.remove(admitted);
                closeQuietly(socket);
                return;
            }
            socket.getOutputStream().write(response(ErrorCode.SM_OK));
            socket.getOutputStream().flush();
            socket.setSoTimeout(0);
            LOG.debug(() -> "store link accepted: " + admitted + ", handshake=" + handshake);
            readLoop(admitted);
        } catch (final IOException | WireFormatException e) {
            counters.handshakeFailures.incrementAndGet();
            LOG.warn("store handshake failed: peer=" + peer + ", tls=" + security.isTls() + ", reason=" + e);
            closeQuietly(socket);
            if (opened != null) {
                linkEnded(opened, "handshake answer failed: " + e);
            }
        }
    }

    private void slowConsumer(final ServerLink link) {
        counters.slowConsumers.incrementAndGet();
        LOG.warn("store link does not read its replies, closing it: " + link + ", maxQueuedBytes="
            + ServerLink.MAX_QUEUED_BYTES);
        link.close();
    }

    private void refuse(final Socket socket, final ErrorCode code, final String why) {
        counters.linksRefused.incrementAndGet();
        LOG.warn("store link refused: " + why);
        try {
            socket.getOutputStream().write(response(code));
            socket.getOutputStream().flush();
        } catch (final IOException ignored) {
            // the peer is gone already; closing below is all that is left
        }
        closeQuietly(socket);
    }

    private static byte[] response(final ErrorCode code) {
        return ByteBuffer.allocate(Handshake.RESPONSE_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) code.code()).array();
    }

    private void readLoop(final ServerLink link) {
        String reason = "closed";
        try {
            while (true) {
                final Frame frame = link.link.read();
                for (final StoreEngine.Outbound o : engine.handle(link, frame)) {
                    o.link.send(o.frame, o.link == link);
                }
            }
        } catch (final EOFException e) {
            reason = e.getMessage();
        } catch (final WireFormatException e) {
            counters.brokenFrames.incrementAndGet();
            reason = e.getMessage();
            LOG.warn("store link sent a broken frame, closing it: " + link + ", reason=" + reason);
        } catch (final SocketException e) {
            reason = e.getMessage();
        } catch (final IOException e) {
            reason = e.toString();
        } catch (final RuntimeException e) {
            reason = e.toString();
            LOG.error("store link failed: " + link, e);
        } finally {
            linkEnded(link, reason);
        }
    }

    private void linkEnded(final ServerLink link, final String reason) {
        link.close();
        if (!links.remove(link)) {
            return;
        }
        counters.linksClosed.incrementAndGet();
        LOG.debug(() -> "store link closed: " + link + ", reason=" + reason);
        for (final StoreEngine.Outbound o : engine.linkClosed(link)) {
            o.link.send(o.frame, false);
        }
    }

    private void superviseHeartbeats() {
        final long now = System.nanoTime();
        final long limit = options.heartbeatTimeout().toNanos();
        for (final ServerLink link : links) {
            if (link.heartbeatSeen && now - link.lastHeartbeatNanos > limit) {
                counters.heartbeatLosses.incrementAndGet();
                LOG.warn("store link lost its heartbeat, closing it: " + link + ", silentMs="
                    + TimeUnit.NANOSECONDS.toMillis(now - link.lastHeartbeatNanos));
                link.heartbeatSeen = false;
                link.close();
            }
        }
    }

    @Override
    public StoreUrl url() {
        return url;
    }

    /**
     * The server's counters.
     *
     * @return the counters
     */
    public StoreServerCounters counters() {
        return counters;
    }

    /**
     * Keys and their value sizes (for tooling and tests).
     *
     * @return key to value length
     */
    public Map<String, Integer> keySizes() {
        return engine.keySizes();
    }

    /**
     * Ranks whose links are alive.
     *
     * @return ranks in order
     */
    public List<Integer> aliveRanks() {
        return engine.aliveRanks();
    }

    /**
     * GETs parked on the server.
     *
     * @return the count
     */
    public int parkedGets() {
        return engine.parkedCount();
    }

    /**
     * Open links.
     *
     * @return the count
     */
    public int linkCount() {
        return links.size();
    }

    /**
     * Whether TLS is required.
     *
     * @return true for TLS
     */
    public boolean isTls() {
        return security.isTls();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        for (final ServerLink link : links) {
            link.close();
        }
        timer.shutdownNow();
        handshakes.shutdownNow();
        pushes.shutdown();
        LOG.info("store server stopped: url=" + url);
    }

    private static void closeQuietly(final java.io.Closeable c) {
        try {
            c.close();
        } catch (final IOException ignored) {
            // best effort
        }
    }

    private static ThreadFactory daemon(final String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "StoreServer[url=" + url + ", tls=" + security.isTls() + ", links=" + links.size() + "]";
    }
}
