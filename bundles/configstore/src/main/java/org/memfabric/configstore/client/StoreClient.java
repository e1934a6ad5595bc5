package org.memfabric.configstore.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.StoreException;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.RankDownListener;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.store.WatchListener;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.FramedLink;
import org.memfabric.configstore.wire.Handshake;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.MessageType;
import org.memfabric.configstore.wire.StoreMessage;
import org.memfabric.configstore.wire.WireFormatException;
import org.memfabric.configstore.wire.WireLimits;

/**
 * A config store client on one TCP (or TLS) link. Requests from any thread are pipelined and matched to replies by
 * sequence number; each call has a deadline. When the link breaks, pending calls fail with {@code STORE_IO_ERROR},
 * the client re-dials with the same rank for up to its reconnect timeout, re-registers its watches and rank-down
 * subscription and then runs its reconnect listeners. Listeners run on one callback thread per client, in order, so
 * they may call the store.
 */
public final class StoreClient implements ConfigStore {
    /** Sequence numbers are process-wide, as in the original; 0 is reserved for heartbeats. */
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final FabricLogger LOG = FabricLogger.of("store-client");
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "memfabric-store-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private static final Duration AUTO_RANK_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_HANDSHAKE_WAIT_MS = 10_000;

    private final StoreUrl url;
    private final StoreClientOptions options;
    private final LinkSecurity security;
    private final Object state = new Object();
    private final Map<Integer, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final List<RankDownListener> rankListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService callbacks;
    private final StoreClientCounters counters = new StoreClientCounters();
    private final ScheduledFuture<?> heartbeat;
    /** Guarded by state. */
    private Connection current;
    /** Guarded by state. */
    private boolean closed;
    /** Guarded by state. */
    private String closeReason;
    /** Guarded by state. */
    private Integer rankWatchSeqNo;
    private volatile int rank;

    private StoreClient(final StoreUrl url, final StoreClientOptions options, final LinkSecurity security) {
        this.url = url;
        this.options = options;
        this.security = security;
        this.rank = options.rank();
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "memfabric-store-callback-" + url.hostPort());
            t.setDaemon(true);
            return t;
        });
        final long beatMs = options.heartbeatInterval().toMillis();
        this.heartbeat = beatMs == 0 ? null
            : HEARTBEATS.scheduleAtFixedRate(this::sendHeartbeat, beatMs, beatMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects, retrying refused or unreachable dials until the connect timeout, and auto-ranks if asked to.
     *
     * @param url the server
     * @param options the options (values are read now and later; do not change them afterwards)
     * @param security plaintext or TLS
     * @return the connected client
     * @throws StoreException with {@code STORE_IO_ERROR} when the server cannot be reached in time
     */
    public static StoreClient connect(final StoreUrl url, final StoreClientOptions options,
        final LinkSecurity security) {
        if (options.autoRanking() && options.rank() != StoreClientOptions.NO_RANK) {
            throw LastError.record(new InvalidArgumentException(
                "store client cannot auto-rank with an explicit rank: rank=" + options.rank()));
        }
        final StoreClient client = new StoreClient(url, options, security);
        try {
            final Connection c = client.dial(System.nanoTime() + options.connectTimeout().toNanos());
            synchronized (client.state) {
                client.current = c;
            }
            c.start();
            if (options.autoRanking()) {
                client.rank = client.autoRank();
            }
            return client;
        } catch (final RuntimeException e) {
            client.close();
            throw e instanceof MemFabricException ? LastError.record((MemFabricException) e) : e;
        }
    }

    private int autoRank() {
        final byte[] value = getRaw("AutoRanking#", AUTO_RANK_TIMEOUT);
        if (value.length != Integer.BYTES) {
            throw new StoreException(ErrorCode.STORE_INVALID_MESSAGE, "AutoRanking#",
                "auto-ranking reply is not a 4-byte rank: url=" + url + ", length=" + value.length, null);
        }
        final int assigned = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
        LOG.info("store assigned a rank: url=" + url + ", rank=" + assigned);
        return assigned;
    }

    // ------------------------------------------------------------------------------------------ connection

    private Connection dial(final long deadlineNanos) {
        long backoffMs = 50;
        IOException last = null;
        while (true) {
            try {
                return dialOnce(deadlineNanos);
            } catch (final HandshakeRefused e) {
                throw new StoreException(ErrorCode.STORE_IO_ERROR, "", e.getMessage(), e);
            } catch (final IOException e) {
                last = e;
            }
            final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMs <= 0 || isClosed()) {
                throw new StoreException(ErrorCode.STORE_IO_ERROR, "",
                    "store connect failed: url=" + url + ", tls=" + security.isTls() + ", timeoutMs="
                        + options.connectTimeout().toMillis() + ", reason=" + last.getMessage(), last);
            }
            sleep(Math.min(backoffMs, leftMs));
            backoffMs = Math.min(1000, backoffMs * 2);
        }
    }

    /** Waits between dials; returns early when the client is closed. */
    private void sleep(final long millis) {
        synchronized (state) {
            if (closed) {
                return;
            }
            try {
                state.wait(millis);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(ErrorCode.STORE_IO_ERROR, "", "interrupted while connecting: url=" + url, e);
            }
        }
    }

    private Connection dialOnce(final long deadlineNanos) throws IOException {
        final int waitMs = (int) Math.max(1, Math.min(MAX_HANDSHAKE_WAIT_MS,
            TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        final Socket plain = new Socket();
        Socket socket = plain;
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.connect(new InetSocketAddress(url.address(), url.port()), waitMs);
            plain.setSoTimeout(waitMs);
            plain.getOutputStream().write(Handshake.of(options.worldSize(), rank).encode());
            plain.getOutputStream().flush();
            socket = security.connectSide(plain, url.address().getHostAddress(), url.port());
            final byte[] answer;
            try {
                answer = FramedLink.readExactly(socket.getInputStream(), Handshake.RESPONSE_LENGTH, "handshake reply");
            } catch (final EOFException e) {
                throw new IOException("server closed the link during the handshake (is one side TLS and the other "
                    + "not?): url=" + url + ", tls=" + security.isTls(), e);
            } catch (final SocketTimeoutException e) {
                throw new IOException("no handshake reply (is one side TLS and the other not?): url=" + url
                    + ", tls=" + security.isTls() + ", waitedMs=" + waitMs, e);
            }
            final short result = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getShort();
            if (result != 0) {
                throw new HandshakeRefused("store refused the link: url=" + url + ", result=" + result + " ("
                    + ErrorCode.of(result).description() + ")");
            }
            socket.setSoTimeout(0);
            return new Connection(new FramedLink(socket));
        } catch (final IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (final IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    /** A refusal by the server: retrying does not help. */
    private static final class HandshakeRefused extends IOException {
        private static final long serialVersionUID = 1L;

        HandshakeRefused(final String message) {
            super(message);
        }
    }

    /** One established link and its reader thread. */
    private final class Connection {
        final FramedLink link;

        Connection(final FramedLink link) {
            this.link = link;
        }

        void start() {
            final Thread reader = new Thread(this::readLoop, "memfabric-store-reader-" + url.hostPort());
            reader.setDaemon(true);
            reader.start();
        }

        private void readLoop() {
            IOException failure;
            try {
                while (true) {
                    dispatch(link.read());
                }
            } catch (final IOException e) {
                failure = e;
            } catch (final RuntimeException e) {
                failure = new IOException("server sent a frame this client cannot handle: " + e.getMessage(), e);
            }
            linkBroken(this, failure);
        }
    }

    private void dispatch(final Frame frame) {
        final int seqNo = frame.header().seqNo();
        final CompletableFuture<Frame> call = pending.remove(seqNo);
        if (call != null) {
            call.complete(frame);
            return;
        }
        final Watch watch = watches.remove(seqNo);
        if (watch != null) {
            short result = frame.header().result();
            byte[] value = new byte[0];
            if (result == 0) {
                try {
                    value = valueOf(frame, watch.fullKey);
                } catch (final StoreException e) {
                    LOG.warn("store watch reply is malformed: key=" + watch.fullKey + ", reason=" + e.getMessage());
                    result = (short) ErrorCode.STORE_INVALID_MESSAGE.code();
                }
            }
            final short code = result;
            final byte[] delivered = value;
            callbacks.execute(() -> watch.fire(code, delivered));
            return;
        }
        final Integer rankSeq;
        synchronized (state) {
            rankSeq = rankWatchSeqNo;
        }
        if (rankSeq != null && rankSeq == seqNo && frame.header().result() == 0) {
            final byte[] value;
            try {
                value = valueOf(frame, "WATCH_RANK_DOWN_KEY");
            } catch (final StoreException e) {
                LOG.warn("store rank-down push is malformed, ignored: reason=" + e.getMessage());
                return;
            }
            if (value.length == Integer.BYTES) {
                final int down = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
                counters.rankDowns.incrementAndGet();
                for (final RankDownListener l : rankListeners) {
                    callbacks.execute(() -> l.onRankDown(down));
                }
            }
        }
        // anything else answers a call that already timed out: dropped
    }

    private void linkBroken(final Connection connection, final IOException cause) {
        connection.link.close();
        final boolean reconnect;
        synchronized (state) {
            if (current != connection) {
                return;
            }
            current = null;
            reconnect = !closed && !options.reconnectTimeout().isZero();
            state.notifyAll();
        }
        counters.linkBreaks.incrementAndGet();
        failPending("store link broken: url=" + url + ", reason=" + cause.getMessage(), cause);
        if (!reconnect) {
            giveUp("store link broken and reconnecting is off: url=" + url + ", reason=" + cause.getMessage());
            return;
        }
        LOG.warn("store link broken, reconnecting: url=" + url + ", rank=" + rank + ", reason=" + cause.getMessage());
        final Thread t = new Thread(this::reconnectLoop, "memfabric-store-reconnect-" + url.hostPort());
        t.setDaemon(true);
        t.start();
    }

    private void reconnectLoop() {
        final Connection c;
        try {
            c = dial(System.nanoTime() + options.reconnectTimeout().toNanos());
        } catch (final StoreException e) {
            giveUp("store reconnect failed: url=" + url + ", reason=" + e.getMessage());
            return;
        }
        final List<Watch> toRenew;
        final Integer rankSeq;
        synchronized (state) {
            if (closed) {
                c.link.close();
                return;
            }
            current = c;
            toRenew = new ArrayList<>(watches.values());
            rankSeq = rankWatchSeqNo;
            state.notifyAll();
        }
        c.start();
        counters.reconnects.incrementAndGet();
        LOG.info("store link re-established: url=" + url + ", rank=" + rank + ", watches=" + toRenew.size());
        try {
            for (final Watch w : toRenew) {
                c.link.write(w.request());
            }
            if (rankSeq != null) {
                c.link.write(rankStateRequest(rankSeq));
            }
        } catch (final IOException e) {
            return; // the reader notices and starts over
        }
        for (final Runnable r : reconnectListeners) {
            callbacks.execute(r);
        }
    }

    private void giveUp(final String reason) {
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            closeReason = reason;
            state.notifyAll();
        }
        LOG.error(reason);
        stopBackground();
        failPending(reason, null);
        for (final Watch w : watches.values()) {
            callbacks.execute(() -> w.fire((short) ErrorCode.STORE_IO_ERROR.code(), new byte[0]));
        }
        watches.clear();
        callbacks.shutdown();
        runCloseListeners();
    }

    private void failPending(final String reason, final Throwable cause) {
        for (final Integer seq : new ArrayList<>(pending.keySet())) {
            final CompletableFuture<Frame> f = pending.remove(seq);
            if (f != null) {
                f.completeExceptionally(new StoreException(ErrorCode.STORE_IO_ERROR, "", reason, cause));
            }
        }
    }

    private Connection awaitConnection(final long deadlineNanos, final String op, final String key) {
        synchronized (state) {
            while (true) {
                if (closed) {
                    throw new StoreException(ErrorCode.STORE_IO_ERROR, key, "store client closed: op=" + op + ", key="
                        + key + ", url=" + url + (closeReason == null ? "" : ", reason=" + closeReason), null);
                }
                if (current != null) {
                    return current;
                }
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (leftMs <= 0) {
                    throw new StoreException(ErrorCode.STORE_IO_ERROR, key,
                        "store link down and not re-established in time: op=" + op + ", key=" + key + ", url=" + url,
                        null);
                }
                try {
                    state.wait(leftMs);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(ErrorCode.STORE_IO_ERROR, key, "interrupted: op=" + op + ", key=" + key,
                        e);
                }
            }
        }
    }

    private void sendHeartbeat() {
        final Connection c;
        synchronized (state) {
            c = current;
        }
        if (c == null) {
            return;
        }
        try {
            c.link.write(Frame.encode((short) 0, (short) 0, 0,
                new StoreMessage(MessageType.HEARTBEAT, -1, List.of(), List.of()).encode()));
        } catch (final IOException e) {
            // the reader thread sees the same failure and handles it
        }
    }

    // ------------------------------------------------------------------------------------------ requests

    private static int nextSeq() {
        while (true) {
            final int s = SEQ.incrementAndGet();
            if (s != 0) {
                return s;
            }
        }
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @param op the operation's name for messages
     * @param key the key for messages
     * @param message the request
     * @param timeoutNanos the wait for the reply; negative waits forever
     * @return the reply frame
     */
    private Frame call(final String op, final String key, final StoreMessage message, final long timeoutNanos) {
        final long start = System.nanoTime();
        final long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : start + timeoutNanos;
        final Connection c = awaitConnection(timeoutNanos < 0 ? start + options.requestTimeout().toNanos() : deadline,
            op, key);
        final int seq = nextSeq();
        final CompletableFuture<Frame> reply = new CompletableFuture<>();
        pending.put(seq, reply);
        counters.requests.incrementAndGet();
        try {
            c.link.write(Frame.encode((short) 0, (short) 0, seq, message.encode()));
        } catch (final IOException e) {
            pending.remove(seq);
            throw new StoreException(ErrorCode.STORE_IO_ERROR, key,
                "store send failed: op=" + op + ", key=" + key + ", url=" + url + ", reason=" + e.getMessage(), e);
        }
        try {
            return timeoutNanos < 0 ? reply.get() : reply.get(Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        } catch (final TimeoutException e) {
            pending.remove(seq);
            counters.timeouts.incrementAndGet();
            throw new StoreException(ErrorCode.STORE_TIMEOUT, key, "store request timed out: op=" + op + ", key=" + key
                + ", url=" + url + ", timeoutMs=" + TimeUnit.NANOSECONDS.toMillis(timeoutNanos), null);
        } catch (final InterruptedException e) {
            pending.remove(seq);
            Thread.currentThread().interrupt();
            if (message.type() == MessageType.GET) {
                cancelParked(seq);
            }
            throw new StoreException(ErrorCode.STORE_IO_ERROR, key, "interrupted: op=" + op + ", key=" + key, e);
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof StoreException) {
                final StoreException s = (StoreException) cause;
                throw new StoreException(s.errorCode(), key, s.getMessage() + ", op=" + op + ", key=" + key, s);
            }
            throw new StoreException(ErrorCode.STORE_IO_ERROR, key, "store call failed: op=" + op + ", key=" + key, cause);
        } catch (final CancellationException e) {
            throw new StoreException(ErrorCode.STORE_IO_ERROR, key, "store call cancelled: op=" + op + ", key=" + key, e);
        }
    }

    private void cancelParked(final int seq) {
        final Connection c;
        synchronized (state) {
            c = current;
        }
        if (c == null) {
            return;
        }
        final int unwatchSeq = nextSeq();
        pending.put(unwatchSeq, new CompletableFuture<>());
        try {
            c.link.write(Frame.encode((short) 0, (short) 0, unwatchSeq,
                new StoreMessage(MessageType.UNWATCH, Integer.toUnsignedLong(seq), List.of(), List.of()).encode()));
        } catch (final IOException e) {
            pending.remove(unwatchSeq);
        }
    }

    private static StoreException failure(final String op, final String key, final Frame reply) {
        final ErrorCode code = ErrorCode.of(reply.header().result());
        final String text = new String(reply.body(), 0, Math.min(reply.body().length, 256), StandardCharsets.UTF_8);
        return new StoreException(code, key, "store " + op + " failed: key=" + key + ", code=" + reply.header().result()
            + " (" + code.description() + "), server=" + printable(text), null);
    }

    private static String printable(final String text) {
        final StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return b.toString();
    }

    private static byte[] valueOf(final Frame frame, final String key) {
        final StoreMessage m = StoreMessage.decode(frame.body());
        if (m.values().isEmpty()) {
            throw new StoreException(ErrorCode.STORE_INVALID_MESSAGE, key, "store reply carries no value: key=" + key,
                null);
        }
        return m.values().get(0);
    }

    private static long decimal(final Frame frame, final String op, final String key) {
        final String text = new String(frame.body(), StandardCharsets.ISO_8859_1);
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new StoreException(ErrorCode.STORE_INVALID_MESSAGE, key,
                "store " + op + " reply is not a decimal number: key=" + key + ", reply=" + printable(text), e);
        }
    }

    static byte[] keyBytes(final String fullKey) {
        if (fullKey == null) {
            throw new InvalidArgumentException(ErrorCode.STORE_INVALID_KEY, "store key must not be null: key=null");
        }
        final byte[] bytes = fullKey.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > WireLimits.MAX_KEY_BYTES) {
            throw new InvalidArgumentException(ErrorCode.STORE_INVALID_KEY, "store key must be 1.."
                + WireLimits.MAX_KEY_BYTES + " bytes: key=" + clip(fullKey) + ", bytes=" + bytes.length);
        }
        return bytes;
    }

    private static String clip(final String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    private static byte[] checkValue(final String name, final byte[] value) {
        if (value == null) {
            throw new InvalidArgumentException("store " + name + " must not be null: " + name + "=null");
        }
        if (value.length > WireLimits.MAX_VALUE_BYTES) {
            throw new InvalidArgumentException("store " + name + " too large: bytes=" + value.length + ", max="
                + WireLimits.MAX_VALUE_BYTES);
        }
        return value;
    }

    private static <T> T recorded(final java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    // ------------------------------------------------------------------------------------------ key operations (full keys)

    void doSet(final String fullKey, final byte[] value) {
        recorded(() -> {
            final byte[] k = keyBytes(fullKey);
            final Frame r = call("set", fullKey, StoreMessage.of(MessageType.SET, k, checkValue("value", value)),
                options.requestTimeout().toNanos());
            if (r.header().result() != 0) {
                throw failure("set", fullKey, r);
            }
            return null;
        });
    }

    byte[] doGet(final String fullKey, final Duration timeout) {
        return recorded(() -> {
            keyBytes(fullKey);
            if (timeout == null) {
                throw new InvalidArgumentException("store get timeout must not be null: timeout=null");
            }
            return getRaw(fullKey, timeout);
        });
    }

    private byte[] getRaw(final String fullKey, final Duration timeout) {
        final Frame r = getFrame(fullKey, timeout);
        if (r.header().result() != 0) {
            throw failure("get", fullKey, r);
        }
        return valueOf(r, fullKey);
    }

    private Frame getFrame(final String fullKey, final Duration timeout) {
        final long ms = timeout.isNegative() ? -1 : timeout.toMillis();
        final long waitNanos = ms < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(ms) + options.requestTimeout().toNanos();
        return call("get", fullKey, new StoreMessage(MessageType.GET, ms, List.of(keyBytes(fullKey)), List.of()),
            waitNanos);
    }

    Optional<byte[]> doTryGet(final String fullKey) {
        return recorded(() -> {
            final Frame r = getFrame(fullKey, Duration.ZERO);
            if (r.header().result() == ErrorCode.STORE_NOT_EXIST.code()) {
                return Optional.empty();
            }
            if (r.header().result() != 0) {
                throw failure("get", fullKey, r);
            }
            return Optional.of(valueOf(r, fullKey));
        });
    }

    long doAdd(final String fullKey, final long increment) {
        return recorded(() -> {
            final Frame r = call("add", fullKey, StoreMessage.of(MessageType.ADD, keyBytes(fullKey),
                Long.toString(increment).getBytes(StandardCharsets.ISO_8859_1)), options.requestTimeout().toNanos());
            if (r.header().result() != 0) {
                throw failure("add", fullKey, r);
            }
            return decimal(r, "add", fullKey);
        });
    }

    boolean doRemove(final String fullKey) {
        return recorded(() -> {
            final Frame r = call("remove", fullKey, StoreMessage.of(MessageType.REMOVE, keyBytes(fullKey)),
                options.requestTimeout().toNanos());
            if (r.header().result() == ErrorCode.STORE_NOT_EXIST.code()) {
                return false;
            }
            if (r.header().result() != 0) {
                throw failure("remove", fullKey, r);
            }
            return true;
        });
    }

    long doAppend(final String fullKey, final byte[] value) {
        return recorded(() -> {
            final Frame r = call("append", fullKey,
                StoreMessage.of(MessageType.APPEND, keyBytes(fullKey), checkValue("value", value)),
                options.requestTimeout().toNanos());
            if (r.header().result() != 0) {
                throw failure("append", fullKey, r);
            }
            return decimal(r, "append", fullKey);
        });
    }

    CasResult doCas(final String fullKey, final byte[] expected, final byte[] newValue) {
        return recorded(() -> {
            final Frame r = call("cas", fullKey, StoreMessage.of(MessageType.CAS, keyBytes(fullKey),
                checkValue("expected", expected), checkValue("newValue", newValue)), options.requestTimeout().toNanos());
            if (r.header().result() != 0) {
                throw failure("cas", fullKey, r);
            }
            final byte[] previous = valueOf(r, fullKey);
            return new CasResult(Arrays.equals(previous, expected), previous);
        });
    }

    void doWrite(final String fullKey, final int offset, final byte[] data) {
        recorded(() -> {
            final byte[] k = keyBytes(fullKey);
            checkValue("data", data);
            if (offset < 0) {
                throw new InvalidArgumentException("store write offset must not be negative: offset=" + offset);
            }
            if ((long) offset + data.length > WireLimits.MAX_VALUE_BYTES) {
                throw new InvalidArgumentException("store write runs past the value limit: offset=" + offset
                    + ", length=" + data.length + ", max=" + WireLimits.MAX_VALUE_BYTES);
            }
            final byte[] value = ByteBuffer.allocate(Integer.BYTES + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(offset).put(data).array();
            final Frame r = call("write", fullKey, StoreMessage.of(MessageType.WRITE, k, value),
                options.requestTimeout().toNanos());
            if (r.header().result() != 0) {
                throw failure("write", fullKey, r);
            }
            return null;
        });
    }

    long doWatch(final String fullKey, final String shownKey, final WatchListener listener) {
        return recorded(() -> {
            final byte[] k = keyBytes(fullKey);
            if (listener == null) {
                throw new InvalidArgumentException("store watch listener must not be null: listener=null");
            }
            final int seq = nextSeq();
            final Watch w = new Watch(seq, k, fullKey, shownKey, listener);
            final Connection c;
            synchronized (state) {
                if (closed) {
                    throw new StoreException(ErrorCode.STORE_IO_ERROR, fullKey,
                        "store client closed: op=watch, key=" + fullKey, null);
                }
                watches.put(seq, w);
                c = current;
            }
            if (c != null) {
                try {
                    c.link.write(w.request());
                } catch (final IOException e) {
                    // re-sent after the reconnect
                }
            }
            return Integer.toUnsignedLong(seq);
        });
    }

    void doUnwatch(final long watchId) {
        recorded(() -> {
            final Watch w = watchId < 0 || watchId > 0xFFFF_FFFFL ? null : watches.remove((int) watchId);
            if (w == null) {
                throw new StoreException(ErrorCode.STORE_NOT_EXIST, "", "store watch id unknown: watchId=" + watchId,
                    null);
            }
            cancelParked(w.seqNo);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ ConfigStore

    @Override
    public void set(final String key, final byte[] value) {
        doSet(key, value);
    }

    @Override
    public byte[] get(final String key, final Duration timeout) {
        return doGet(key, timeout);
    }

    @Override
    public Optional<byte[]> tryGet(final String key) {
        return doTryGet(key);
    }

    @Override
    public long add(final String key, final long increment) {
        return doAdd(key, increment);
    }

    @Override
    public boolean remove(final String key) {
        return doRemove(key);
    }

    @Override
    public long append(final String key, final byte[] value) {
        return doAppend(key, value);
    }

    @Override
    public CasResult cas(final String key, final byte[] expected, final byte[] newValue) {
        return doCas(key, expected, newValue);
    }

    @Override
    public void write(final String key, final int offset, final byte[] data) {
        doWrite(key, offset, data);
    }

    @Override
    public long watch(final String key, final WatchListener listener) {
        return doWatch(key, key, listener);
    }

    @Override
    public void unwatch(final long watchId) {
        doUnwatch(watchId);
    }

    @Override
    public AutoCloseable watchRankDown(final RankDownListener listener) {
        return recorded(() -> {
            if (listener == null) {
                throw new InvalidArgumentException("store rank-down listener must not be null: listener=null");
            }
            rankListeners.add(listener);
            final Connection c;
            final int seq;
            synchronized (state) {
                if (rankWatchSeqNo != null) {
                    return () -> rankListeners.remove(listener);
                }
                seq = nextSeq();
                rankWatchSeqNo = seq;
                c = current;
            }
            if (c != null) {
                try {
                    c.link.write(rankStateRequest(seq));
                } catch (final IOException e) {
                    // re-sent after the reconnect
                }
            }
            return () -> rankListeners.remove(listener);
        });
    }

    private static byte[] rankStateRequest(final int seq) {
        return Frame.encode((short) 0, (short) 0, seq,
            StoreMessage.of(MessageType.WATCH_RANK_STATE, "WATCH_RANK_DOWN_KEY".getBytes(StandardCharsets.US_ASCII))
                .encode());
    }

    @Override
    public ConfigStore withPrefix(final String prefix) {
        return new PrefixedStore(this, checkPrefix(prefix));
    }

    static String checkPrefix(final String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw LastError.record(new InvalidArgumentException(ErrorCode.STORE_INVALID_KEY,
                "store prefix must not be empty: prefix=" + (prefix == null ? "null" : "\"\"")));
        }
        return prefix;
    }

    @Override
    public String completeKey(final String key) {
        return key;
    }

    @Override
    public int rank() {
        return rank;
    }

    /**
     * Adds a listener run (on the callback thread) after every successful reconnect, once watches are re-sent.
     *
     * @param listener the listener
     */
    public void onReconnect(final Runnable listener) {
        reconnectListeners.add(listener);
    }

    /**
     * Adds a listener run once when the client closes, by the application or after giving up reconnecting.
     *
     * @param listener the listener, run on the closing thread
     */
    public void onClose(final Runnable listener) {
        closeListeners.add(listener);
    }

    private void runCloseListeners() {
        for (final Runnable r : closeListeners) {
            try {
                r.run();
            } catch (final RuntimeException e) {
                LOG.error("store close listener failed: url=" + url, e);
            }
        }
    }

    /**
     * The server this client talks to.
     *
     * @return the url
     */
    public StoreUrl url() {
        return url;
    }

    /**
     * Whether the link is up right now.
     *
     * @return true when connected
     */
    public boolean isConnected() {
        synchronized (state) {
            return current != null;
        }
    }

    /**
     * This client's counters.
     *
     * @return the counters
     */
    public StoreClientCounters counters() {
        return counters;
    }

    private boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    private void stopBackground() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    @Override
    public void close() {
        final Connection c;
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            closeReason = "closed by the application";
            c = current;
            current = null;
            state.notifyAll();
        }
        stopBackground();
        if (c != null) {
            c.link.close();
        }
        failPending("store client closed: url=" + url, null);
        watches.clear();
        callbacks.shutdown();
        runCloseListeners();
    }

    @Override
    public String toString() {
        return "StoreClient[url=" + url + ", rank=" + rank + ", tls=" + security.isTls() + "]";
    }

    /** A registered watch: re-sent after reconnects until it fires or is cancelled. */
    private static final class Watch {
        final int seqNo;
        final byte[] keyBytes;
        final String fullKey;
        final String shownKey;
        final WatchListener listener;

        Watch(final int seqNo, final byte[] keyBytes, final String fullKey, final String shownKey,
            final WatchListener listener) {
            this.seqNo = seqNo;
            this.keyBytes = keyBytes;
            this.fullKey = fullKey;
            this.shownKey = shownKey;
            this.listener = listener;
        }

        byte[] request() {
            return Frame.encode((short) 0, (short) 0, seqNo,
                new StoreMessage(MessageType.GET, -1, List.of(keyBytes), List.of()).encode());
        }

        void fire(final short result, final byte[] value) {
            try {
                listener.onWatch(result, shownKey, value);
            } catch (final RuntimeException e) {
                LOG.error("store watch listener failed: key=" + fullKey, e);
            }
        }
    }
}
