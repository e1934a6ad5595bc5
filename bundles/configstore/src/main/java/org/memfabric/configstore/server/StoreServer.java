package org.memfabric.configstore.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import org.memfabric.configstore.wire.FrameChannel;
import org.memfabric.configstore.wire.FramedLink;
import org.memfabric.configstore.wire.Handshake;
import org.memfabric.configstore.wire.LinkOverflowException;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.SelectorLoop;
import org.memfabric.configstore.wire.WireFormatException;

/**
 * A running config store server: accepts links, runs the plaintext handshake (then TLS if configured) and hands
 * requests to the {@link StoreEngine}. Parked GETs hold no thread; their deadlines run on one timer thread. Links that
 * have sent heartbeats and then fall silent for the heartbeat timeout are closed, which reports their rank down.
 *
 * <p>Threading: one acceptor thread accepts; a handshake thread per new link runs its handshake. Plaintext links are
 * then served by {@link #IO_LOOPS} selector loop thread(s), which read every ready link per wake-up, run the engine
 * and write the replies without blocking; a TLS link keeps its handshake thread as its blocking reader, and replies
 * caused by other links reach it through the push executor. The timer thread expires parked GETs and supervises
 * heartbeats.
 */
public final class StoreServer implements ConfigStoreServer {
    private static final FabricLogger LOG = FabricLogger.of("store-server");
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();
    /** Selector loop threads serving the plaintext links (links are spread over them in turn). */
    static final int IO_LOOPS = 1;
    /** How long {@link #close()} waits for the selector loops to release their sockets. */
    private static final long CLOSE_WAIT_MS = 5_000;

    private final StoreServerOptions options;
    private final LinkSecurity security;
    private final ServerSocketChannel serverSocket;
    private final StoreUrl url;
    private final StoreServerCounters counters = new StoreServerCounters();
    private final StoreEngine engine;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService handshakes;
    private final ExecutorService pushes;
    private final SelectorLoop[] loops = new SelectorLoop[IO_LOOPS];
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Set<ServerLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong linkIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;

    private StoreServer(final StoreUrl listen, final StoreServerOptions options, final LinkSecurity security,
        final ServerSocketChannel serverSocket) {
        this.options = options;
        this.security = security;
        this.serverSocket = serverSocket;
        this.name = "memfabric-store-" + SERVER_IDS.incrementAndGet();
        this.url = StoreUrl.of(new InetSocketAddress(listen.address(), serverSocket.socket().getLocalPort()));
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
        final ServerSocketChannel socket;
        try {
            socket = ServerSocketChannel.open();
        } catch (final IOException e) {
            throw LastError.record(new MemFabricException(ErrorCode.SM_ERROR,
                "store listen failed: url=" + listen + ", reason=" + e.getMessage(), e));
        }
        try {
            socket.socket().setReuseAddress(true);
            socket.bind(listen.socketAddress(), 1024);
        } catch (final BindException e) {
            closeQuietly(socket);
            throw LastError.record(
                new ResourceInUseException("store listen address in use: url=" + listen + ", reason=" + e.getMessage(), e));
        } catch (final IOException e) {
            closeQuietly(socket);
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
        if (!security.isTls()) {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = SelectorLoop.start(name + "-io-" + (i + 1));
            }
        }
        final Thread acceptor = daemon(name + "-accept").newThread(this::acceptLoop);
        acceptor.start();
        final long periodMs = Math.max(50, Math.min(1000, options.heartbeatTimeout().toMillis() / 4));
        timer.scheduleAtFixedRate(this::superviseHeartbeats, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            final SocketChannel socket;
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

    private void admit(final SocketChannel channel) {
        final Socket plain = channel.socket();
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
            final ServerLink admitted = new ServerLink(linkIds.incrementAndGet(), peer);
            final FramedLink framed = security.isTls() ? new FramedLink(socket) : null;
            final FrameChannel nonBlocking = framed == null ? openOnLoop(admitted, channel) : null;
            admitted.attach(nonBlocking != null ? new ChannelLinkWriter(nonBlocking)
                : new QueuedSocketWriter(framed, pushes, () -> slowConsumer(admitted)));
            engine.linkOpened(admitted, handshake);
            links.add(admitted);
            counters.linksAccepted.incrementAndGet();
            opened = admitted;
            if (closed.get()) {
                links.remove(admitted);
                admitted.close();
                return;
            }
            LOG.debug(() -> "store link accepted: " + admitted + ", handshake=" + handshake);
            if (nonBlocking != null) {
                answerOnLoop(nonBlocking, peer);
                return;
            }
            socket.getOutputStream().write(response(ErrorCode.SM_OK));
            socket.getOutputStream().flush();
            socket.setSoTimeout(0);
            readLoop(admitted, framed);
        } catch (final IOException | WireFormatException e) {
            counters.handshakeFailures.incrementAndGet();
            LOG.warn("store handshake failed: peer=" + peer + ", tls=" + security.isTls() + ", reason=" + e);
            closeQuietly(socket);
            if (opened != null) {
                linkEnded(opened, "handshake answer failed: " + e);
            }
        }
    }

    /**
     * Makes an admitted plaintext link non-blocking for a selector loop, which reads it once the channel is started
     * (after the link is registered, so that its end always finds it).
     */
    private FrameChannel openOnLoop(final ServerLink link, final SocketChannel channel) throws IOException {
        final SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        return FrameChannel.open(channel, loop, new FrameChannel.Listener() {
            @Override
            public void onFrame(final Frame frame) {
                handle(link, frame);
            }

            @Override
            public void onClosed(final Exception cause) {
                channelLinkEnded(link, cause);
            }
        }, ServerLink.MAX_QUEUED_BYTES);
    }

    /**
     * Accepts a plaintext link and lets its loop read it. A failed answer counts as a handshake failure; the channel
     * is closed then, and its loop ends the link.
     */
    private void answerOnLoop(final FrameChannel channel, final String peer) {
        try {
            channel.send(response(ErrorCode.SM_OK));
        } catch (final IOException e) {
            counters.handshakeFailures.incrementAndGet();
            LOG.warn("store handshake failed: peer=" + peer + ", tls=false, reason=" + e);
        }
        channel.start();
    }

    /** The link's reader: runs one request and sends what it produced. */
    private void handle(final ServerLink link, final Frame frame) {
        for (final StoreEngine.Outbound o : engine.handle(link, frame)) {
            o.link.send(o.frame, o.link == link);
        }
    }

    /** Loop thread: a plaintext link ended; says why as the blocking reader does, then forgets the link. */
    private void channelLinkEnded(final ServerLink link, final Exception cause) {
        if (cause instanceof WireFormatException) {
            counters.brokenFrames.incrementAndGet();
            LOG.warn("store link sent a broken frame, closing it: " + link + ", reason=" + cause.getMessage());
        } else if (cause instanceof LinkOverflowException) {
            reportSlowConsumer(link);
        } else if (cause instanceof RuntimeException) {
            LOG.error("store link failed: " + link, cause);
        }
        linkEnded(link, cause instanceof EOFException || cause instanceof SocketException ? cause.getMessage()
            : cause.toString());
    }

    /** Push executor: a TLS link's reply queue overflowed. */
    private void slowConsumer(final ServerLink link) {
        reportSlowConsumer(link);
        link.close();
    }

    private void reportSlowConsumer(final ServerLink link) {
        counters.slowConsumers.incrementAndGet();
        LOG.warn("store link does not read its replies, closing it: " + link + ", maxQueuedBytes="
            + ServerLink.MAX_QUEUED_BYTES);
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

    private void readLoop(final ServerLink link, final FramedLink framed) {
        String reason = "closed";
        try {
            while (true) {
                handle(link, framed.read());
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
        for (final SelectorLoop loop : loops) {
            if (loop != null) {
                loop.close();
            }
        }
        awaitLoops();
        timer.shutdownNow();
        handshakes.shutdownNow();
        pushes.shutdown();
        LOG.info("store server stopped: url=" + url);
    }

    /**
     * Waits briefly for the loops to close their sockets: a registered channel's descriptor is only released by its
     * selector, and a restarted server must be able to bind the port again at once.
     */
    private void awaitLoops() {
        try {
            for (final SelectorLoop loop : loops) {
                if (loop != null && !loop.inLoopThread()) {
                    loop.join(CLOSE_WAIT_MS);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
