package org.memfabric.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the outcome of {@link ConfigStore#watch}. Called once per watch, on the client's I/O thread. */
@ConsumerType
@FunctionalInterface
public interface WatchListener {
    /**
     * The watched key exists, or the watch failed.
     *
     * @param result 0 when the key exists; a store code such as {@code STORE_IO_ERROR} (-602) when the link broke
     * @param key the key as the caller named it (without the prefixes of the store it was set through)
     * @param value the value; empty on failure
     */
    void onWatch(int result, String key, byte[] value);
}
