package org.memfabric.configstore.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.CasResult;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.MessageType;
import org.memfabric.configstore.wire.StoreMessage;
import org.memfabric.configstore.wire.WireLimits;

/**
 * The key operations of one {@link StoreClient} on full keys, each in a synchronous and an asynchronous form:
 * argument checks (bad arguments throw at once and nothing is sent), the request, and the reading of the reply. The
 * client's own methods and every {@link PrefixedStore} view delegate here.
 *
 * <p>Threading: any thread may call. A synchronous call waits on the calling thread (and refuses to run on a store
 * I/O thread); an asynchronous call returns at once and its future completes where the reply is read (see
 * {@link StoreClient}).
 */
final class KeyOperations {
    /** Turns a reply frame into the operation's result; throws a {@link org.memfabric.api.StoreException}. */
    @FunctionalInterface
    interface ReplyReader<T> {
        T read(Frame reply);
    }

    private final StoreClient client;
    private final long requestTimeoutNs;

    KeyOperations(final StoreClient client, final Duration requestTimeout) {
        this.client = client;
        this.requestTimeoutNs = requestTimeout.toNanos();
    }

    // ------------------------------------------------------------------------------------------ requests

    private PendingCall setRequest(final String fullKey, final byte[] value) {
        final byte[] k = keyBytes(fullKey);
        return client.submit("set", fullKey, StoreMessage.of(MessageType.SET, k, checkValue("value", value)),
            requestTimeoutNs);
    }

    private PendingCall getRequest(final String fullKey, final Duration timeout) {
        final byte[] k = keyBytes(fullKey);
        if (timeout == null) {
            throw new InvalidArgumentException("store get timeout must not be null: timeout=null");
        }
        final long ms = timeout.isNegative() ? -1 : timeout.toMillis();
        final long waitNs = ms < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(ms) + requestTimeoutNs;
        return client.submit("get", fullKey, new StoreMessage(MessageType.GET, ms, List.of(k), List.of()), waitNs);
    }

    private PendingCall addRequest(final String fullKey, final long increment) {
        return client.submit("add", fullKey, StoreMessage.of(MessageType.ADD, keyBytes(fullKey),
            Long.toString(increment).getBytes(StandardCharsets.ISO_8859_1)), requestTimeoutNs);
    }

    private PendingCall removeRequest(final String fullKey) {
        return client.submit("remove", fullKey, StoreMessage.of(MessageType.REMOVE, keyBytes(fullKey)),
            requestTimeoutNs);
    }

    private PendingCall appendRequest(final String fullKey, final byte[] value) {
        final byte[] k = keyBytes(fullKey);
        return client.submit("append", fullKey, StoreMessage.of(MessageType.APPEND, k, checkValue("value", value)),
            requestTimeoutNs);
    }

    private PendingCall casRequest(final String fullKey, final byte[] expected, final byte[] newValue) {
        final byte[] k = keyBytes(fullKey);
        return client.submit("cas", fullKey, StoreMessage.of(MessageType.CAS, k, checkValue("expected", expected),
            checkValue("newValue", newValue)), requestTimeoutNs);
    }

    private PendingCall writeRequest(final String fullKey, final int offset, final byte[] data) {
        final byte[] k = keyBytes(fullKey);
        checkValue("data", data);
        if (offset < 0) {
            throw new InvalidArgumentException("store write offset must not be negative: offset=" + offset);
        }
        if ((long) offset + data.length > WireLimits.MAX_VALUE_BYTES) {
            throw new InvalidArgumentException("store write runs past the value limit: offset=" + offset + ", length="
                + data.length + ", max=" + WireLimits.MAX_VALUE_BYTES);
        }
        final byte[] value = ByteBuffer.allocate(Integer.BYTES + data.length).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(offset).put(data).array();
        return client.submit("write", fullKey, StoreMessage.of(MessageType.WRITE, k, value), requestTimeoutNs);
    }

    // ------------------------------------------------------------------------------------------ replies

    private static Void success(final Frame r, final String op, final String fullKey) {
        if (!Replies.ok(r)) {
            throw Replies.failure(op, fullKey, r);
        }
        return null;
    }

    private static byte[] value(final Frame r, final String fullKey) {
        if (!Replies.ok(r)) {
            throw Replies.failure("get", fullKey, r);
        }
        return Replies.valueOf(r, fullKey);
    }

    private static Optional<byte[]> optionalValue(final Frame r, final String fullKey) {
        if (r.header().result() == ErrorCode.STORE_NOT_EXIST.code()) {
            return Optional.empty();
        }
        return Optional.of(value(r, fullKey));
    }

    private static long number(final Frame r, final String op, final String fullKey) {
        if (!Replies.ok(r)) {
            throw Replies.failure(op, fullKey, r);
        }
        return Replies.decimal(r, op, fullKey);
    }

    private static boolean existed(final Frame r, final String fullKey) {
        if (r.header().result() == ErrorCode.STORE_NOT_EXIST.code()) {
            return false;
        }
        success(r, "remove", fullKey);
        return true;
    }

    private static CasResult casOutcome(final Frame r, final String fullKey, final byte[] expected) {
        if (!Replies.ok(r)) {
            throw Replies.failure("cas", fullKey, r);
        }
        final byte[] previous = Replies.valueOf(r, fullKey);
        return new CasResult(Arrays.equals(previous, expected), previous);
    }

    // ------------------------------------------------------------------------------------------ synchronous

    void set(final String fullKey, final byte[] value) {
        sync("set", fullKey, () -> setRequest(fullKey, value), r -> success(r, "set", fullKey));
    }

    byte[] get(final String fullKey, final Duration timeout) {
        return sync("get", fullKey, () -> getRequest(fullKey, timeout), r -> value(r, fullKey));
    }

    Optional<byte[]> tryGet(final String fullKey) {
        return sync("get", fullKey, () -> getRequest(fullKey, Duration.ZERO), r -> optionalValue(r, fullKey));
    }

    long add(final String fullKey, final long increment) {
        return sync("add", fullKey, () -> addRequest(fullKey, increment), r -> number(r, "add", fullKey));
    }

    boolean remove(final String fullKey) {
        return sync("remove", fullKey, () -> removeRequest(fullKey), r -> existed(r, fullKey));
    }

    long append(final String fullKey, final byte[] value) {
        return sync("append", fullKey, () -> appendRequest(fullKey, value), r -> number(r, "append", fullKey));
    }

    CasResult cas(final String fullKey, final byte[] expected, final byte[] newValue) {
        return sync("cas", fullKey, () -> casRequest(fullKey, expected, newValue),
            r -> casOutcome(r, fullKey, expected));
    }

    void write(final String fullKey, final int offset, final byte[] data) {
        sync("write", fullKey, () -> writeRequest(fullKey, offset, data), r -> success(r, "write", fullKey));
    }

    /**
     * The raw GET used for auto-ranking.
     *
     * @param fullKey the key
     * @param timeout the GET timeout
     * @return the value
     */
    byte[] getRaw(final String fullKey, final Duration timeout) {
        client.checkMayWait("get", fullKey);
        return value(client.await(getRequest(fullKey, timeout)), fullKey);
    }

    private <T> T sync(final String op, final String fullKey, final Supplier<PendingCall> request,
        final ReplyReader<T> reader) {
        try {
            client.checkMayWait(op, fullKey);
            return reader.read(client.await(request.get()));
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
    }

    // ------------------------------------------------------------------------------------------ asynchronous

    CompletableFuture<Void> setAsync(final String fullKey, final byte[] value) {
        return async(() -> setRequest(fullKey, value), r -> success(r, "set", fullKey));
    }

    CompletableFuture<byte[]> getAsync(final String fullKey, final Duration timeout) {
        return async(() -> getRequest(fullKey, timeout), r -> value(r, fullKey));
    }

    CompletableFuture<Optional<byte[]>> tryGetAsync(final String fullKey) {
        return async(() -> getRequest(fullKey, Duration.ZERO), r -> optionalValue(r, fullKey));
    }

    CompletableFuture<Long> addAsync(final String fullKey, final long increment) {
        return async(() -> addRequest(fullKey, increment), r -> number(r, "add", fullKey));
    }

    CompletableFuture<Boolean> removeAsync(final String fullKey) {
        return async(() -> removeRequest(fullKey), r -> existed(r, fullKey));
    }

    CompletableFuture<Long> appendAsync(final String fullKey, final byte[] value) {
        return async(() -> appendRequest(fullKey, value), r -> number(r, "append", fullKey));
    }

    CompletableFuture<CasResult> casAsync(final String fullKey, final byte[] expected, final byte[] newValue) {
        return async(() -> casRequest(fullKey, expected, newValue), r -> casOutcome(r, fullKey, expected));
    }

    CompletableFuture<Void> writeAsync(final String fullKey, final int offset, final byte[] data) {
        return async(() -> writeRequest(fullKey, offset, data), r -> success(r, "write", fullKey));
    }

    private <T> CompletableFuture<T> async(final Supplier<PendingCall> request, final ReplyReader<T> reader) {
        final PendingCall call;
        try {
            call = request.get();
        } catch (final MemFabricException e) {
            throw LastError.record(e);
        }
        final CallFuture<T> result = new CallFuture<>(client, call);
        call.reply.whenComplete((frame, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            final T value;
            try {
                value = reader.read(frame);
            } catch (final RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            result.complete(value);
        });
        return result;
    }

    /** The future of an asynchronous call; cancelling it forgets the call (and un-parks a GET on the server). */
    private static final class CallFuture<T> extends CompletableFuture<T> {
        private final StoreClient client;
        private final PendingCall call;

        CallFuture(final StoreClient client, final PendingCall call) {
            this.client = client;
            this.call = call;
        }

        @Override
        public boolean cancel(final boolean mayInterruptIfRunning) {
            final boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                client.abandon(call);
            }
            return cancelled;
        }
    }

    // ------------------------------------------------------------------------------------------ checks

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
}
