package org.memfabric.trans;

import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

import org.memfabric.api.store.ConfigStore;

/**
 * Publishes this engine's {@link EngineRecord}: takes the next generation from the store's counter for the unique
 * id (so it grows across restarts), stores the record, then creates the generation's change marker, which wakes
 * every peer watching it; the marker two generations back is removed so the store does not grow. Each step waits
 * for the store's acknowledgement, so once {@link #publish} returns every peer that reads the record sees it.
 *
 * <p>Threading: called by the engine under its registration lock only.
 */
final class RecordPublisher {
    private final ConfigStore store;
    private final String uniqueId;

    RecordPublisher(final ConfigStore store, final String uniqueId) {
        this.store = store;
        this.uniqueId = uniqueId;
    }

    /**
     * Publishes a record built for the next generation.
     *
     * @param build makes the record for a generation
     * @return the generation published
     */
    long publish(final LongFunction<EngineRecord> build) {
        final long generation = store.add(RecordKeys.generation(uniqueId), 1);
        store.set(RecordKeys.record(uniqueId), build.apply(generation).toBytes());
        mark(generation);
        return generation;
    }

    /** Removes the record (the engine leaves) and wakes the watching peers. */
    void withdraw() {
        store.remove(RecordKeys.record(uniqueId));
        mark(store.add(RecordKeys.generation(uniqueId), 1));
    }

    private void mark(final long generation) {
        store.set(RecordKeys.marker(uniqueId, generation), Long.toString(generation).getBytes(StandardCharsets.US_ASCII));
        if (generation > 2) {
            store.removeAsync(RecordKeys.marker(uniqueId, generation - 2));
        }
    }
}
