package org.memfabric.configstore.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.RankDownListener;
import org.memfabric.api.store.WatchListener;

/**
 * A view of a {@link StoreClient} that prefixes every key; views nest by concatenating prefixes. Watch listeners get
 * the key as this view knows it. Closing a view does nothing: the connection belongs to the root client.
 * Thread-safe; threading of calls and completions as in {@link StoreClient}.
 */
final class PrefixedStore implements ConfigStore {
    private final StoreClient core;
    private final KeyOperations ops;
    private final String prefix;

    PrefixedStore(final StoreClient core, final String prefix) {
        this.core = core;
        this.ops = core.ops();
        this.prefix = prefix;
    }

    @Override
    public void set(final String key, final byte[] value) {
        ops.set(completeKey(key), value);
    }

    @Override
    public byte[] get(final String key, final Duration timeout) {
        return ops.get(completeKey(key), timeout);
    }

    @Override
    public Optional<byte[]> tryGet(final String key) {
        return ops.tryGet(completeKey(key));
    }

    @Override
    public long add(final String key, final long increment) {
        return ops.add(completeKey(key), increment);
    }

    @Override
    public boolean remove(final String key) {
        return ops.remove(completeKey(key));
    }

    @Override
    public long append(final String key, final byte[] value) {
        return ops.append(completeKey(key), value);
    }

    @Override
    public CasResult cas(final String key, final byte[] expected, final byte[] newValue) {
        return ops.cas(completeKey(key), expected, newValue);
    }

    @Override
    public void write(final String key, final int offset, final byte[] data) {
        ops.write(completeKey(key), offset, data);
    }

    @Override
    public CompletableFuture<Void> setAsync(final String key, final byte[] value) {
        return ops.setAsync(completeKey(key), value);
    }

    @Override
    public CompletableFuture<byte[]> getAsync(final String key, final Duration timeout) {
        return ops.getAsync(completeKey(key), timeout);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> tryGetAsync(final String key) {
        return ops.tryGetAsync(completeKey(key));
    }

    @Override
    public CompletableFuture<Long> addAsync(final String key, final long increment) {
        return ops.addAsync(completeKey(key), increment);
    }

    @Override
    public CompletableFuture<Boolean> removeAsync(final String key) {
        return ops.removeAsync(completeKey(key));
    }

    @Override
    public CompletableFuture<Long> appendAsync(final String key, final byte[] value) {
        return ops.appendAsync(completeKey(key), value);
    }

    @Override
    public CompletableFuture<CasResult> casAsync(final String key, final byte[] expected, final byte[] newValue) {
        return ops.casAsync(completeKey(key), expected, newValue);
    }

    @Override
    public CompletableFuture<Void> writeAsync(final String key, final int offset, final byte[] data) {
        return ops.writeAsync(completeKey(key), offset, data);
    }

    @Override
    public long watch(final String key, final WatchListener listener) {
        return core.doWatch(completeKey(key), key, listener);
    }

    @Override
    public void unwatch(final long watchId) {
        core.doUnwatch(watchId);
    }

    @Override
    public AutoCloseable watchRankDown(final RankDownListener listener) {
        return core.watchRankDown(listener);
    }

    @Override
    public ConfigStore withPrefix(final String more) {
        return new PrefixedStore(core, prefix + StoreClient.checkPrefix(more));
    }

    @Override
    public String completeKey(final String key) {
        return key == null ? null : prefix + key;
    }

    @Override
    public int rank() {
        return core.rank();
    }

    @Override
    public void close() {
        // the root client owns the connection
    }

    @Override
    public String toString() {
        return "PrefixedStore[prefix=" + prefix + ", core=" + core + "]";
    }
}
