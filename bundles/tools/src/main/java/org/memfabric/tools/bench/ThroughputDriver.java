package org.memfabric.tools.bench;

import org.memfabric.api.store.ConfigStore;

/**
 * Drives N clients in a closed loop for the throughput phase of {@code memfabric bench store}, each client keeping
 * one call outstanding (like {@code redis-benchmark -c N -P 1}), until a shared request budget is used up.
 * Implementations differ in how the clients are driven (see {@link Kind}).
 */
interface ThroughputDriver extends AutoCloseable {
    /** The longest one measured run may take. */
    long RUN_TIMEOUT_MS = 30L * 60 * 1000;

    /** The operations measured. */
    enum Op {
        /** {@link ConfigStore#set}. */
        SET,
        /** {@link ConfigStore#get} with no wait. */
        GET
    }

    /** The drivers, named as on the command line ({@code --driver}). */
    enum Kind {
        /**
         * {@link AsyncThroughputBench}: no thread per client; each call is issued from the completion of the client's
         * previous one, on the store's I/O thread (one thread for all plaintext clients, like redis-benchmark's
         * single event loop).
         */
        ASYNC,
        /** {@link ThroughputBench}: one thread per client, each making blocking calls. */
        THREADS;

        /**
         * The name on the command line and in the output.
         *
         * @return {@code async} or {@code threads}
         */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Runs a warm-up and then a measured run of one operation.
     *
     * @param op the operation
     * @param requests measured calls, over all clients
     * @param warmup unmeasured calls before, over all clients
     * @return the row: merged per-call latencies and the wall time from the start to the last reply
     * @throws InterruptedException when interrupted while waiting for the clients
     */
    BenchRow run(Op op, int requests, int warmup) throws InterruptedException;

    /** Stops the driver's own threads, if any; the clients belong to the caller. */
    @Override
    void close();
}
