package org.memfabric.api.store;

import java.time.Duration;

import org.memfabric.api.Validate;
import org.memfabric.api.tls.TlsSettings;

/**
 * How a config store server runs: the world size it expects, TLS, heartbeat supervision, the handshake deadline
 * and what happens to the data when the last rank leaves. Mutable builder-style object; not thread-safe.
 */
public final class StoreServerOptions {
    /** Largest number of concurrent links a server accepts by default. */
    public static final int DEFAULT_MAX_LINKS = 4096;

    private int worldSize;
    private TlsSettings tls = TlsSettings.DISABLED;
    private Duration heartbeatTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private LastRankPolicy lastRankPolicy = LastRankPolicy.KEEP;
    private int maxLinks = DEFAULT_MAX_LINKS;

    /**
     * The expected world size; 0 = take it from the first ranked client's handshake.
     *
     * @return the world size
     */
    public int worldSize() {
        return worldSize;
    }

    /**
     * Sets the expected world size (bounds auto-ranking).
     *
     * @param value 0..1024, 0 for "from the first ranked client"
     * @return this
     */
    public StoreServerOptions worldSize(final int value) {
        this.worldSize = Validate.inRange("worldSize", value, 0, 1024);
        return this;
    }

    /**
     * The TLS settings; {@link TlsSettings#DISABLED} for plaintext.
     *
     * @return the settings
     */
    public TlsSettings tls() {
        return tls;
    }

    /**
     * Sets the TLS settings; with TLS on every client must present a certificate the server trusts.
     *
     * @param value the settings
     * @return this
     */
    public StoreServerOptions tls(final TlsSettings value) {
        this.tls = Validate.notNull("tls", value);
        return this;
    }

    /**
     * How long a link that has sent heartbeats may stay silent before the server closes it (and reports its rank
     * down). Links that never sent a heartbeat are not supervised (clients of the original may send none).
     *
     * @return the timeout
     */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /**
     * Sets the heartbeat timeout (default 10 s).
     *
     * @param value 100 ms .. 1 h
     * @return this
     */
    public StoreServerOptions heartbeatTimeout(final Duration value) {
        this.heartbeatTimeout = Validate.duration("heartbeatTimeout", value, Duration.ofMillis(100), Duration.ofHours(1));
        return this;
    }

    /**
     * How long a new connection may take to complete its handshake (plaintext and TLS) before it is closed.
     *
     * @return the timeout
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Sets the handshake timeout (default 10 s).
     *
     * @param value 100 ms .. 10 min
     * @return this
     */
    public StoreServerOptions handshakeTimeout(final Duration value) {
        this.handshakeTimeout = Validate.duration("handshakeTimeout", value, Duration.ofMillis(100), Duration.ofMinutes(10));
        return this;
    }

    /**
     * What happens to the data when the last ranked client disconnects.
     *
     * @return the policy
     */
    public LastRankPolicy lastRankPolicy() {
        return lastRankPolicy;
    }

    /**
     * Sets the last-rank policy (default {@link LastRankPolicy#KEEP}).
     *
     * @param value the policy
     * @return this
     */
    public StoreServerOptions lastRankPolicy(final LastRankPolicy value) {
        this.lastRankPolicy = Validate.notNull("lastRankPolicy", value);
        return this;
    }

    /**
     * The largest number of concurrent links; further connections are refused during the handshake.
     *
     * @return the limit
     */
    public int maxLinks() {
        return maxLinks;
    }

    /**
     * Sets the link limit (default {@value #DEFAULT_MAX_LINKS}).
     *
     * @param value 1..65536
     * @return this
     */
    public StoreServerOptions maxLinks(final int value) {
        this.maxLinks = Validate.inRange("maxLinks", value, 1, 65536);
        return this;
    }
}
