package org.memfabric.tools.bench;

import java.time.Duration;
import java.util.List;

import org.memfabric.api.store.ConfigStore;

/**
 * SET and GET latency with one client and one call in flight: each call is timed with {@link System#nanoTime()}
 * into a {@link LatencyHistogram}, after unmeasured warm-up calls. Like {@code redis-benchmark -c 1}, every call
 * uses the same key. Runs on the calling thread.
 */
final class LatencyBench {
    private final ConfigStore store;
    private final String key;
    private final byte[] value;

    /**
     * @param store a connected client, scoped to the run's prefix
     * @param key the key to set and get
     * @param value the value to store
     */
    LatencyBench(final ConfigStore store, final String key, final byte[] value) {
        this.store = store;
        this.key = key;
        this.value = value.clone();
    }

    /**
     * Measures SET, then GET.
     *
     * @param requests measured calls per operation
     * @param warmup unmeasured calls per operation before
     * @return the SET row and the GET row
     */
    List<BenchRow> run(final int requests, final int warmup) {
        for (int i = 0; i < warmup; i++) {
            store.set(key, value);
            store.get(key, Duration.ZERO);
        }
        final LatencyHistogram sets = new LatencyHistogram();
        final long setStartNs = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            final long t0 = System.nanoTime();
            store.set(key, value);
            sets.record(System.nanoTime() - t0);
        }
        final long setElapsedNs = System.nanoTime() - setStartNs;
        final LatencyHistogram gets = new LatencyHistogram();
        final long getStartNs = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            final long t0 = System.nanoTime();
            store.get(key, Duration.ZERO);
            gets.record(System.nanoTime() - t0);
        }
        final long getElapsedNs = System.nanoTime() - getStartNs;
        return List.of(new BenchRow("latency", "SET", 1, 0, value.length, sets, setElapsedNs),
            new BenchRow("latency", "GET", 1, 0, value.length, gets, getElapsedNs));
    }
}
