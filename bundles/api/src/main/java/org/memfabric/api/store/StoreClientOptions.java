package org.memfabric.api.store;

import java.time.Duration;

import org.memfabric.api.Validate;

/**
 * How a client connects: the rank and world size it announces in the handshake, its per-request timeout and how
 * long it keeps retrying the initial connect. Mutable builder-style object; not thread-safe.
 */
public final class StoreClientOptions {
    /** Rank value meaning "no rank" (0xFFFFFFFF in the handshake). */
    public static final int NO_RANK = -1;

    private int rank = NO_RANK;
    private int worldSize;
    private Duration requestTimeout = Duration.ofSeconds(120);
    private Duration connectTimeout = Duration.ofSeconds(60);
    private boolean tlsEnabled;

    /**
     * The rank announced in the handshake.
     *
     * @return the rank, or {@link #NO_RANK}
     */
    public int rank() {
        return rank;
    }

    /**
     * Sets the rank announced in the handshake.
     *
     * @param value 0..1023, or {@link #NO_RANK}
     * @return this
     */
    public StoreClientOptions rank(final int value) {
        if (value != NO_RANK) {
            Validate.inRange("rank", value, 0, 1023);
        }
        this.rank = value;
        return this;
    }

    /**
     * The world size announced in the handshake (0 = unknown).
     *
     * @return the world size
     */
    public int worldSize() {
        return worldSize;
    }

    /**
     * Sets the world size announced in the handshake.
     *
     * @param value 0..1024 (0 = unknown)
     * @return this
     */
    public StoreClientOptions worldSize(final int value) {
        this.worldSize = Validate.inRange("worldSize", value, 0, 1024);
        return this;
    }

    /**
     * The deadline of every non-blocking request.
     *
     * @return the timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sets the deadline of every non-blocking request.
     *
     * @param value at least 1 s
     * @return this
     */
    public StoreClientOptions requestTimeout(final Duration value) {
        this.requestTimeout = Validate.timeout("requestTimeout", value, Integer.MAX_VALUE);
        return this;
    }

    /**
     * How long the initial connect keeps retrying.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets how long the initial connect keeps retrying.
     *
     * @param value at least 1 s
     * @return this
     */
    public StoreClientOptions connectTimeout(final Duration value) {
        this.connectTimeout = Validate.timeout("connectTimeout", value, Integer.MAX_VALUE);
        return this;
    }

    /**
     * Whether the link uses TLS (with the process-wide settings of {@code MemFabric.setConfStoreTls}).
     *
     * @return true for TLS
     */
    public boolean tlsEnabled() {
        return tlsEnabled;
    }

    /**
     * Selects TLS.
     *
     * @param value true for TLS
     * @return this
     */
    public StoreClientOptions tlsEnabled(final boolean value) {
        this.tlsEnabled = value;
        return this;
    }
}
