package org.memfabric.api.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A client of the config store: the key-value rendezvous every rank coordinates through.
 *
 * <p>Keys are UTF-8 strings of 1..1024 bytes; values are byte arrays of up to 64 MiB. A store obtained through
 * {@link #withPrefix(String)} prepends its prefix to every key (prefixes nest) and hands un-prefixed keys to watch
 * listeners. All methods are thread-safe; requests from many threads are pipelined on one connection. Every call
 * has a deadline: {@link #get(String, Duration)} its own, the others the client's request timeout.
 *
 * <p>Failures are {@link org.memfabric.api.StoreException}s carrying the store codes
 * ({@code STORE_NOT_EXIST}, {@code STORE_TIMEOUT}, {@code STORE_IO_ERROR}, ...), or
 * {@link org.memfabric.api.InvalidArgumentException} with {@code STORE_INVALID_KEY} for bad keys (nothing is sent).
 *
 * <p>Every key operation also has an asynchronous form ({@code setAsync}, {@code getAsync}, ...) with the same
 * semantics and deadline: it checks its arguments and sends the request on the calling thread (bad arguments throw
 * at once, as above, and nothing is sent), then returns a future that completes with the result, or exceptionally
 * with the {@link org.memfabric.api.StoreException} the synchronous form would throw. Futures complete on a store
 * I/O thread, so dependent stages must not block; a synchronous store call made from such a stage is refused with
 * {@code SM_ERROR}. Cancelling a future forgets the call (a parked GET is cancelled on the server too). Many calls
 * may be outstanding at once on one client; they are pipelined on its connection.
 */
@ProviderType
public interface ConfigStore extends AutoCloseable {
    /** Largest key in UTF-8 bytes, including any prefix. */
    int MAX_KEY_BYTES = 1024;
    /** Largest value in bytes. */
    int MAX_VALUE_BYTES = 64 * 1024 * 1024;
    /** Pass to {@link #get(String, Duration)} to wait until the key exists, however long that takes. */
    Duration WAIT_FOREVER = Duration.ofMillis(-1);

    /**
     * Stores a value, replacing any previous one; wakes readers waiting for the key.
     *
     * @param key the key
     * @param value the value
     */
    void set(String key, byte[] value);

    /**
     * Reads a value, waiting for the key to be created.
     *
     * @param key the key
     * @param timeout {@link Duration#ZERO}: fail at once with {@code STORE_NOT_EXIST} if absent; positive: wait up
     *     to that long, then fail with {@code STORE_TIMEOUT}; {@link #WAIT_FOREVER} (any negative): wait forever
     * @return the value
     */
    byte[] get(String key, Duration timeout);

    /**
     * Reads a value if it exists, without waiting.
     *
     * @param key the key
     * @return the value, or empty when the key does not exist
     */
    Optional<byte[]> tryGet(String key);

    /**
     * Adds to a counter kept as decimal text; creates it with the increment when absent.
     *
     * @param key the key
     * @param increment the increment, may be negative or zero
     * @return the new value
     */
    long add(String key, long increment);

    /**
     * Removes a key.
     *
     * @param key the key
     * @return true when the key existed
     */
    boolean remove(String key);

    /**
     * Appends bytes to a value, creating it when absent.
     *
     * @param key the key
     * @param value the bytes to append
     * @return the new total length in bytes
     */
    long append(String key, byte[] value);

    /**
     * Compare-and-swap: replaces the value with {@code newValue} if it currently equals {@code expected}. An absent
     * key matches an empty {@code expected}.
     *
     * @param key the key
     * @param expected the expected current value (empty for "absent")
     * @param newValue the value to store on success
     * @return the outcome with the value that was current before the call
     */
    CasResult cas(String key, byte[] expected, byte[] newValue);

    /**
     * Writes bytes at an offset inside a value, growing it with zeros as needed; wakes waiting readers (unlike the
     * original).
     *
     * @param key the key
     * @param offset the byte offset
     * @param data the bytes
     */
    void write(String key, int offset, byte[] data);

    /**
     * Asynchronous {@link #set(String, byte[])}.
     *
     * @param key the key
     * @param value the value
     * @return completes when the server has stored the value
     */
    CompletableFuture<Void> setAsync(String key, byte[] value);

    /**
     * Asynchronous {@link #get(String, Duration)}.
     *
     * @param key the key
     * @param timeout as for {@link #get(String, Duration)}
     * @return completes with the value
     */
    CompletableFuture<byte[]> getAsync(String key, Duration timeout);

    /**
     * Asynchronous {@link #tryGet(String)}.
     *
     * @param key the key
     * @return completes with the value, or empty when the key does not exist
     */
    CompletableFuture<Optional<byte[]>> tryGetAsync(String key);

    /**
     * Asynchronous {@link #add(String, long)}.
     *
     * @param key the key
     * @param increment the increment
     * @return completes with the new value
     */
    CompletableFuture<Long> addAsync(String key, long increment);

    /**
     * Asynchronous {@link #remove(String)}.
     *
     * @param key the key
     * @return completes with true when the key existed
     */
    CompletableFuture<Boolean> removeAsync(String key);

    /**
     * Asynchronous {@link #append(String, byte[])}.
     *
     * @param key the key
     * @param value the bytes to append
     * @return completes with the new total length in bytes
     */
    CompletableFuture<Long> appendAsync(String key, byte[] value);

    /**
     * Asynchronous {@link #cas(String, byte[], byte[])}.
     *
     * @param key the key
     * @param expected the expected current value (empty for "absent")
     * @param newValue the value to store on success
     * @return completes with the outcome
     */
    CompletableFuture<CasResult> casAsync(String key, byte[] expected, byte[] newValue);

    /**
     * Asynchronous {@link #write(String, int, byte[])}.
     *
     * @param key the key
     * @param offset the byte offset
     * @param data the bytes
     * @return completes when the server has written the bytes
     */
    CompletableFuture<Void> writeAsync(String key, int offset, byte[] data);

    /**
     * Watches a key: the listener is called once, when the key exists (at once if it already does).
     *
     * @param key the key
     * @param listener the listener, called on the client's I/O thread
     * @return the watch id for {@link #unwatch(long)}
     */
    long watch(String key, WatchListener listener);

    /**
     * Cancels a watch on the client and on the server.
     *
     * @param watchId the id from {@link #watch}
     */
    void unwatch(long watchId);

    /**
     * Subscribes to rank-down notifications: the listener is called each time a ranked client's link breaks.
     *
     * @param listener the listener, called on the client's I/O thread
     * @return a handle that cancels the subscription when closed
     */
    AutoCloseable watchRankDown(RankDownListener listener);

    /**
     * A view of this store that prefixes every key.
     *
     * @param prefix the prefix, appended to this store's own prefix
     * @return the view; closing it does not close the connection
     */
    ConfigStore withPrefix(String prefix);

    /**
     * The full key as sent on the wire, including every prefix.
     *
     * @param key the key
     * @return the complete key
     */
    String completeKey(String key);

    /**
     * The rank this client announced in its handshake, or -1 when it has none.
     *
     * @return the rank
     */
    int rank();

    /** Closes the connection (for the root store) and fails every pending call with {@code STORE_IO_ERROR}. */
    @Override
    void close();
}
