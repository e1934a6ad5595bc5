package org.memfabric.api.store;

import java.time.Duration;

import org.memfabric.api.Validate;
import org.memfabric.api.tls.TlsSettings;

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
    private TlsSettings tls = TlsSettings.DISABLED;
    private boolean autoRanking;
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private Duration reconnectTimeout = Duration.ofSeconds(60);

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
        this.requestTimeout = Validate.duration("requestTimeout", value, Duration.ofMillis(1), Duration.ofDays(30));
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
        this.connectTimeout = Validate.duration("connectTimeout", value, Duration.ofMillis(1), Duration.ofDays(1));
        return this;
    }

    /**
     * The TLS settings; {@link TlsSettings#DISABLED} for a plaintext link.
     *
     * @return the settings
     */
    public TlsSettings tls() {
        return tls;
    }

    /**
     * Sets the TLS settings (for example {@code MemFabric.tlsSettings()}).
     *
     * @param value the settings; {@link TlsSettings#DISABLED} for plaintext
     * @return this
     */
    public StoreClientOptions tls(final TlsSettings value) {
        this.tls = Validate.notNull("tls", value);
        return this;
    }

    /**
     * Whether the client asks the server for a rank ({@code AutoRanking#}) right after connecting.
     *
     * @return true when auto-ranking
     */
    public boolean autoRanking() {
        return autoRanking;
    }

    /**
     * Asks the server for a rank after connecting; the rank is then announced on every reconnect. Needs a world
     * size and no explicit rank.
     *
     * @param value true to auto-rank
     * @return this
     */
    public StoreClientOptions autoRanking(final boolean value) {
        this.autoRanking = value;
        return this;
    }

    /**
     * How often the client sends a heartbeat; {@link Duration#ZERO} sends none.
     *
     * @return the interval
     */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Sets the heartbeat interval (default 2 s).
     *
     * @param value the interval, zero for none
     * @return this
     */
    public StoreClientOptions heartbeatInterval(final Duration value) {
        this.heartbeatInterval = Validate.duration("heartbeatInterval", value, Duration.ZERO, Duration.ofHours(1));
        return this;
    }

    /**
     * How long the client keeps re-dialling after its link broke before it gives up and closes (default 60 s).
     *
     * @return the reconnect timeout
     */
    public Duration reconnectTimeout() {
        return reconnectTimeout;
    }

    /**
     * Sets how long the client keeps re-dialling after its link broke; zero disables reconnecting.
     *
     * @param value the timeout
     * @return this
     */
    public StoreClientOptions reconnectTimeout(final Duration value) {
        this.reconnectTimeout = Validate.duration("reconnectTimeout", value, Duration.ZERO, Duration.ofDays(1));
        return this;
    }
}
