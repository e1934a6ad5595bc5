package org.memfabric.configstore.client;

import java.time.Duration;
import java.util.Optional;

import org.memfabric.api.store.CasResult;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.RankDownListener;
import org.memfabric.api.store.WatchListener;

/**
 * A view of a {@link StoreClient} that prefixes every key; views nest by concatenating prefixes. Watch listeners get
 * the key as this view knows it. Closing a view does nothing: the connection belongs to the root client.
 * Thread-safe.
 */
final class PrefixedStore implements ConfigStore {
    private final StoreClient core;
    private final String prefix;

    PrefixedStore(final StoreClient core, final String prefix) {
        this.core = core;
        this.prefix = prefix;
    }

    @Override
    public void set(final String key, final byte[] value) {
        core.doSet(completeKey(key), value);
    }

    @Override
    public byte[] get(final String key, final Duration timeout) {
        return core.doGet(completeKey(key), timeout);
    }

    @Override
    public Optional<byte[]> tryGet(final String key) {
        return core.doTryGet(completeKey(key));
    }

    @Override
    public long add(final String key, final long increment) {
        return core.doAdd(completeKey(key), increment);
    }

    @Override
    public boolean remove(final String key) {
        return core.doRemove(completeKey(key));
    }

    @Override
    public long append(final String key, final byte[] value) {
        return core.doAppend(completeKey(key), value);
    }

    @Override
    public CasResult cas(final String key, final byte[] expected, final byte[] newValue) {
        return core.doCas(completeKey(key), expected, newValue);
    }

    @Override
    public void write(final String key, final int offset, final byte[] data) {
        core.doWrite(completeKey(key), offset, data);
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
