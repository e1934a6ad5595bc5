package org.memfabric.transport.spi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.memfabric.api.Validate;

/**
 * How to open a {@link TransportEndpoint}: the local participant's name and rank, the bound on a single blocking
 * operation and transport-specific options (a bind address, a device name). Immutable; built with
 * {@link #builder(String)}.
 */
public final class EndpointConfig {
    /** Default bound of one blocking operation: 30 s. */
    public static final long DEFAULT_OPERATION_TIMEOUT_MS = 30_000;
    /** Largest allowed operation timeout: one hour. */
    public static final long MAX_OPERATION_TIMEOUT_MS = 3_600_000;

    private final String participant;
    private final int rank;
    private final long operationTimeoutMs;
    private final Map<String, String> options;

    private EndpointConfig(final Builder builder) {
        this.participant = builder.participant;
        this.rank = builder.rank;
        this.operationTimeoutMs = builder.operationTimeoutMs;
        this.options = Collections.unmodifiableMap(new TreeMap<>(builder.options));
    }

    /**
     * Starts a configuration.
     *
     * @param participant a non-empty name of the local participant used in messages, e.g. {@code "rank-3"}
     * @return the builder
     */
    public static Builder builder(final String participant) {
        return new Builder(Validate.notEmpty("participant", participant));
    }

    /**
     * The local participant's name.
     *
     * @return the name
     */
    public String participant() {
        return participant;
    }

    /**
     * The local participant's rank.
     *
     * @return the rank, or -1 when it has none
     */
    public int rank() {
        return rank;
    }

    /**
     * How long one blocking operation (a sync write or read, a connect) may wait for a peer before it fails with a
     * {@link org.memfabric.api.TransportException}.
     *
     * @return the bound in milliseconds
     */
    public long operationTimeoutMs() {
        return operationTimeoutMs;
    }

    /**
     * Transport-specific options.
     *
     * @return an unmodifiable map sorted by key
     */
    public Map<String, String> options() {
        return options;
    }

    /**
     * One option.
     *
     * @param key the key
     * @param defaultValue the value when the option is absent
     * @return the value
     */
    public String option(final String key, final String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    @Override
    public String toString() {
        return "participant=" + participant + ", rank=" + rank + ", operationTimeoutMs=" + operationTimeoutMs
            + ", options=" + options;
    }

    /** Builds an {@link EndpointConfig}; not thread-safe. */
    public static final class Builder {
        private final String participant;
        private final Map<String, String> options = new TreeMap<>();
        private int rank = -1;
        private long operationTimeoutMs = DEFAULT_OPERATION_TIMEOUT_MS;

        private Builder(final String participant) {
            this.participant = participant;
        }

        /**
         * Sets the rank.
         *
         * @param rank 0 or more, or -1 for none (the default)
         * @return this builder
         */
        public Builder rank(final int rank) {
            this.rank = Validate.inRange("rank", rank, -1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the bound of one blocking operation.
         *
         * @param timeoutMs 1..{@value EndpointConfig#MAX_OPERATION_TIMEOUT_MS} ms
         * @return this builder
         */
        public Builder operationTimeoutMs(final long timeoutMs) {
            this.operationTimeoutMs = Validate.inRange("operationTimeoutMs", timeoutMs, 1, MAX_OPERATION_TIMEOUT_MS);
            return this;
        }

        /**
         * Sets a transport-specific option.
         *
         * @param key a non-empty key
         * @param value a non-null value
         * @return this builder
         */
        public Builder option(final String key, final String value) {
            options.put(Validate.notEmpty("key", key), Validate.notNull("value", value));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public EndpointConfig build() {
            return new EndpointConfig(this);
        }
    }
}
