package org.memfabric.configstore.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.MessageType;
import org.memfabric.configstore.wire.StoreIoThread;
import org.memfabric.configstore.wire.StoreMessage;

/**
 * A config store client on one TCP (or TLS) link. Requests from any thread are pipelined and matched to replies by
 * sequence number; each call has a deadline. When the link breaks, calls in flight fail with {@code STORE_IO_ERROR},
 * the client re-dials with the same rank for up to its reconnect timeout, re-registers its watches and rank-down
 * subscription and then runs its reconnect listeners; calls made while the link is down wait for it (queued, in
 * order) up to their deadline.
 *
 * <p>Threading: a synchronous call sends its request on the calling thread and waits there for the reply; an
 * asynchronous call ({@code *Async}) sends and returns at once. Replies are read, and the calls' futures completed,
 * by the process-wide client selector loop for plaintext links (one thread for all clients, see
 * {@link ClientRuntime}) or by the link's own reader thread for TLS links; overdue calls are failed by the shared
 * deadline sweeper thread; a broken link is re-dialled on a reconnect thread of its own, which sends the calls queued
 * meanwhile. Those are all {@link StoreIoThread}s: stages chained on an asynchronous call run there and must not
 * block, and synchronous calls made there are refused. Watch, rank-down and reconnect listeners run on one callback
 * thread per client, in order, so they may call the store.
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

    private final StoreUrl url;
    private final StoreClientOptions options;
    private final LinkSecurity security;
    private final ClientRuntime runtime;
    private final ClientDialer dialer;
    private final KeyOperations ops;
    private final Object state = new Object();
    private final CallRegistry calls;
    private final DeadlineSweeper.Sweepable deadlines;
    private final WatchRegistry watches;
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
    private volatile int rank;

    private StoreClient(final StoreUrl url, final StoreClientOptions options, final LinkSecurity security) {
        this.url = url;
        this.options = options;
        this.security = security;
        this.rank = options.rank();
        this.runtime = ClientRuntime.acquire();
        this.dialer = new ClientDialer(url, options, security, runtime.loop);
        this.ops = new KeyOperations(this, options.requestTimeout());
        this.calls = new CallRegistry(state, url.toString(), counters);
        this.deadlines = calls::sweep;
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "memfabric-store-callback-" + url.hostPort());
            t.setDaemon(true);
            return t;
        });
        this.watches = new WatchRegistry(callbacks, counters, LOG);
        runtime.sweeper.add(deadlines);
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
            c.link.start();
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
        final byte[] value = ops.getRaw("AutoRanking#", AUTO_RANK_TIMEOUT);
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
            final Connection c = new Connection();
            try {
                c.link = dialer.dialOnce(deadlineNanos, rank, c);
                return c;
            } catch (final ClientDialer.HandshakeRefused e) {
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

    /** One established link; hears its frames and its end on the link's reading thread. */
    private final class Connection implements ClientLink.Listener {
        /** Set by the dialling thread before the link starts reading. */
        ClientLink link;

        @Override
        public void onFrame(final Frame frame) {
            dispatch(frame);
        }

        @Override
        public void onBroken(final IOException cause) {
            linkBroken(this, cause);
        }
    }

    private void dispatch(final Frame frame) {
        final PendingCall call = calls.answer(frame.header().seqNo());
        if (call != null) {
            call.reply.complete(frame);
            return;
        }
        watches.dispatch(frame);
        // anything else answers a call that already timed out or was abandoned: dropped
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
        calls.failSent("store link broken: url=" + url + ", reason=" + cause.getMessage(), cause);
        if (!reconnect) {
            giveUp("store link broken and reconnecting is off: url=" + url + ", reason=" + cause.getMessage());
            return;
        }
        LOG.warn("store link broken, reconnecting: url=" + url + ", rank=" + rank + ", reason=" + cause.getMessage());
        new StoreIoThread(this::reconnectLoop, "memfabric-store-reconnect-" + url.hostPort()).start();
    }

    private void reconnectLoop() {
        final Connection c;
        try {
            c = dial(System.nanoTime() + options.reconnectTimeout().toNanos());
        } catch (final StoreException e) {
            giveUp("store reconnect failed: url=" + url + ", reason=" + e.getMessage());
            return;
        }
        final WatchRegistry.Renewal renewal = publish(c);
        if (renewal == null) {
            c.link.close();
            return;
        }
        c.link.start();
        counters.reconnects.incrementAndGet();
        LOG.info("store link re-established: url=" + url + ", rank=" + rank + ", watches=" + renewal.size());
        try {
            renewal.sendOn(c.link);
        } catch (final IOException e) {
            return; // the link's reader notices and starts over
        }
        for (final Runnable r : reconnectListeners) {
            callbacks.execute(r);
        }
    }

    /**
     * Sends the calls queued while the link was down, in order, then makes the new link current, so that no later
     * call overtakes a queued one.
     *
     * @return the watches to re-send on the new link, or null when the client was closed meanwhile
     */
    private WatchRegistry.Renewal publish(final Connection c) {
        while (true) {
            final List<PendingCall> batch;
            synchronized (state) {
                if (closed) {
                    return null;
                }
                batch = calls.takeQueuedLocked();
                if (batch.isEmpty()) {
                    current = c;
                    state.notifyAll();
                    return watches.snapshot();
                }
            }
            for (final PendingCall call : batch) {
                transmit(c.link, call);
            }
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
        calls.failAll(reason, this::closedError);
        watches.failAll();
        callbacks.shutdown();
        runCloseListeners();
    }

    private StoreException closedError(final PendingCall call) {
        final String why;
        synchronized (state) {
            why = closeReason;
        }
        return new StoreException(ErrorCode.STORE_IO_ERROR, call.key, "store client closed: " + call.describe()
            + ", url=" + url + (why == null ? "" : ", reason=" + why), null);
    }

    private void sendHeartbeat() {
        final ClientLink link = currentLink();
        if (link == null) {
            return;
        }
        try {
            link.send(Frame.encode((short) 0, (short) 0, 0,
                new StoreMessage(MessageType.HEARTBEAT, -1, List.of(), List.of()).encode()));
        } catch (final IOException e) {
            // the link's reader sees the same failure and handles it
        }
    }

    private ClientLink currentLink() {
        synchronized (state) {
            return current == null ? null : current.link;
        }
    }

    // ------------------------------------------------------------------------------------------ calls

    static int nextSeq() {
        while (true) {
            final int s = SEQ.incrementAndGet();
            if (s != 0) {
                return s;
            }
        }
    }

    /**
     * Starts one call: sends it now, or queues it while the link is down. Never blocks on the network for a plaintext
     * link; failures complete the call's future.
     *
     * @param op the operation's name for messages
     * @param key the full key for messages
     * @param message the request
     * @param timeoutNanos the wait for the reply; negative waits for ever
     * @return the pending call
     */
    PendingCall submit(final String op, final String key, final StoreMessage message, final long timeoutNanos) {
        final int seq = nextSeq();
        final PendingCall call = new PendingCall(seq, op, key, message.type() == MessageType.GET, System.nanoTime(),
            timeoutNanos, options.requestTimeout().toNanos(), Frame.encode((short) 0, (short) 0, seq,
                message.encode()));
        final ClientLink link;
        synchronized (state) {
            if (closed) {
                call.fail(closedError(call));
                return call;
            }
            counters.requests.incrementAndGet();
            calls.addLocked(call, current == null);
            link = current == null ? null : current.link;
        }
        runtime.sweeper.deadlineAdded(call.nextDeadlineNs());
        if (link != null) {
            transmit(link, call);
        }
        return call;
    }

    private void transmit(final ClientLink link, final PendingCall call) {
        final byte[] frame = call.takeFrame();
        if (frame == null) {
            return;
        }
        try {
            link.send(frame);
        } catch (final IOException e) {
            if (calls.forget(call)) {
                call.fail(new StoreException(ErrorCode.STORE_IO_ERROR, call.key, "store send failed: "
                    + call.describe() + ", url=" + url + ", reason=" + e.getMessage(), e));
            }
        }
    }

    /**
     * Refuses a synchronous call on a store I/O thread, whose reply could only be read by that thread.
     *
     * @param op the operation
     * @param key the full key
     */
    void checkMayWait(final String op, final String key) {
        if (StoreIoThread.isCurrent()) {
            throw new StoreException(ErrorCode.SM_ERROR, key, "store synchronous call on a store I/O thread would "
                + "wait for itself (use the *Async methods in completion stages): op=" + op + ", key=" + key
                + ", thread=" + Thread.currentThread().getName(), null);
        }
    }

    /**
     * Waits on the calling thread for a call's reply, up to its deadline.
     *
     * @param call the call
     * @return the reply frame
     * @throws StoreException {@code STORE_TIMEOUT} after the deadline, {@code STORE_IO_ERROR} when the link broke,
     *     the client closed, the link stayed down or the thread was interrupted
     */
    Frame await(final PendingCall call) {
        try {
            if (!call.hasDeadline()) {
                return call.reply.get();
            }
            try {
                return call.reply.get(Math.max(0, call.deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (final TimeoutException e) {
                calls.expire(call);
                return call.reply.get();
            }
        } catch (final InterruptedException e) {
            abandon(call);
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.STORE_IO_ERROR, call.key, "interrupted: " + call.describe(), e);
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof StoreException) {
                final StoreException s = (StoreException) cause;
                throw new StoreException(s.errorCode(), call.key, s.getMessage(), s);
            }
            throw new StoreException(ErrorCode.STORE_IO_ERROR, call.key, "store call failed: " + call.describe(),
                cause);
        } catch (final java.util.concurrent.CancellationException e) {
            throw new StoreException(ErrorCode.STORE_IO_ERROR, call.key, "store call cancelled: " + call.describe(), e);
        }
    }

    /**
     * Forgets a call nobody waits for any more (interrupted or cancelled); a GET parked on the server is cancelled
     * there.
     *
     * @param call the call
     */
    void abandon(final PendingCall call) {
        if (calls.abandon(call) && call.parksOnServer) {
            cancelParked(call.seqNo);
        }
    }

    private void cancelParked(final int seq) {
        final ClientLink link = currentLink();
        if (link == null) {
            return;
        }
        final int unwatchSeq = nextSeq();
        final PendingCall swallow = new PendingCall(unwatchSeq, "unwatch", "", false, System.nanoTime(),
            options.requestTimeout().toNanos(), 0, null);
        calls.addSwallowed(swallow);
        runtime.sweeper.deadlineAdded(swallow.deadlineNs);
        try {
            link.send(Frame.encode((short) 0, (short) 0, unwatchSeq,
                new StoreMessage(MessageType.UNWATCH, Integer.toUnsignedLong(seq), List.of(), List.of()).encode()));
        } catch (final IOException e) {
            calls.forget(swallow);
        }
    }

    // ------------------------------------------------------------------------------------------ watches

    long doWatch(final String fullKey, final String shownKey, final WatchListener listener) {
        try {
            final byte[] k = KeyOperations.keyBytes(fullKey);
            if (listener == null) {
                throw new InvalidArgumentException("store watch listener must not be null: listener=null");
            }
            final int seq = nextSeq();
            final ClientLink link;
            synchronized (state) {
                if (closed) {
                    throw new StoreException(ErrorCode.STORE_IO_ERROR, fullKey,
                        "store client closed: op=watch, key=" + fullKey, null);
                }
                watches.add(seq, k, fullKey, shownKey, listener);
                link = current == null ? null : current.link;
            }
            if (link != null) {
                watches.send(link, seq);
            }
            return Integer.toUnsignedLong(seq);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    void doUnwatch(final long watchId) {
        try {
            if (!watches.remove(watchId)) {
                throw new StoreException(ErrorCode.STORE_NOT_EXIST, "", "store watch id unknown: watchId=" + watchId,
                    null);
            }
            cancelParked((int) watchId);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    @Override
    public AutoCloseable watchRankDown(final RankDownListener listener) {
        try {
            if (listener == null) {
                throw new InvalidArgumentException("store rank-down listener must not be null: listener=null");
            }
            final ClientLink link;
            synchronized (state) {
                link = watches.addRankListener(listener) && current != null ? current.link : null;
            }
            if (link != null) {
                watches.sendRankSubscription(link);
            }
            return () -> watches.removeRankListener(listener);
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    KeyOperations ops() {
        return ops;
    }

    // ------------------------------------------------------------------------------------------ ConfigStore

    @Override
    public void set(final String key, final byte[] value) {
        ops.set(key, value);
    }

    @Override
    public byte[] get(final String key, final Duration timeout) {
        return ops.get(key, timeout);
    }

    @Override
    public Optional<byte[]> tryGet(final String key) {
        return ops.tryGet(key);
    }

    @Override
    public long add(final String key, final long increment) {
        return ops.add(key, increment);
    }

    @Override
    public boolean remove(final String key) {
        return ops.remove(key);
    }

    @Override
    public long append(final String key, final byte[] value) {
        return ops.append(key, value);
    }

    @Override
    public CasResult cas(final String key, final byte[] expected, final byte[] newValue) {
        return ops.cas(key, expected, newValue);
    }

    @Override
    public void write(final String key, final int offset, final byte[] data) {
        ops.write(key, offset, data);
    }

    @Override
    public CompletableFuture<Void> setAsync(final String key, final byte[] value) {
        return ops.setAsync(key, value);
    }

    @Override
    public CompletableFuture<byte[]> getAsync(final String key, final Duration timeout) {
        return ops.getAsync(key, timeout);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> tryGetAsync(final String key) {
        return ops.tryGetAsync(key);
    }

    @Override
    public CompletableFuture<Long> addAsync(final String key, final long increment) {
        return ops.addAsync(key, increment);
    }

    @Override
    public CompletableFuture<Boolean> removeAsync(final String key) {
        return ops.removeAsync(key);
    }

    @Override
    public CompletableFuture<Long> appendAsync(final String key, final byte[] value) {
        return ops.appendAsync(key, value);
    }

    @Override
    public CompletableFuture<CasResult> casAsync(final String key, final byte[] expected, final byte[] newValue) {
        return ops.casAsync(key, expected, newValue);
    }

    @Override
    public CompletableFuture<Void> writeAsync(final String key, final int offset, final byte[] data) {
        return ops.writeAsync(key, offset, data);
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

    /** Stops heartbeats and deadline sweeps and hands the shared I/O threads back (the last client stops them). */
    private void stopBackground() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        runtime.sweeper.remove(deadlines);
        ClientRuntime.release(runtime);
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
        if (c != null) {
            c.link.close();
        }
        calls.failAll("store client closed: url=" + url, this::closedError);
        stopBackground();
        watches.clear();
        callbacks.shutdown();
        runCloseListeners();
    }

    @Override
    public String toString() {
        return "StoreClient[url=" + url + ", rank=" + rank + ", tls=" + security.isTls() + "]";
    }

    /** The request of the rank-state subscription (the original's WATCH_RANK_STATE). */
    static byte[] rankStateRequest(final int seq) {
        return Frame.encode((short) 0, (short) 0, seq,
            StoreMessage.of(MessageType.WATCH_RANK_STATE, "WATCH_RANK_DOWN_KEY".getBytes(StandardCharsets.US_ASCII))
                .encode());
    }
}
