package org.memfabric.transport.tcp;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/**
 * The settings of one {@link TcpTransport}, validated once when built. Immutable; {@link Builder} is not thread-safe.
 * The DS component fills them from Config Admin (PID {@value #PID}); plain Java users build them directly. Every
 * failure names the PID and the key: {@code "org.memfabric.transport.tcp: chunkSizeBytes must be
 * 4096..67108864: chunkSizeBytes=12"}.
 */
public final class TcpTransportSettings {
    /** The configuration PID, also the bundle symbolic name; prefixes every validation message. */
    public static final String PID = "org.memfabric.transport.tcp";
    /** Default host endpoints listen on when their config has no {@code tcp.listen} option. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    /** Default chunk size: 1 MiB, the write size at which loopback TCP reaches its best single-stream rate. */
    public static final int DEFAULT_CHUNK_SIZE_BYTES = 1 << 20;
    /** Smallest chunk size. */
    public static final int MIN_CHUNK_SIZE_BYTES = 4096;
    /** Largest chunk size. */
    public static final int MAX_CHUNK_SIZE_BYTES = 64 << 20;
    /** Default number of chunk requests sent before the first reply is awaited. */
    public static final int DEFAULT_MAX_CHUNKS_IN_FLIGHT = 8;
    /** Largest number of chunk requests in flight on one link. */
    public static final int MAX_CHUNKS_IN_FLIGHT = 64;
    /** Default number of TCP connections a peer connection may open to its peer. */
    public static final int DEFAULT_CONNECTIONS_PER_PEER = 4;
    /** Largest number of TCP connections per peer connection. */
    public static final int MAX_CONNECTIONS_PER_PEER = 64;
    /** Default socket send and receive buffer: 4 MiB (the dev machine's wmem_max/rmem_max). */
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 << 20;
    /** Smallest explicit socket buffer; 0 means "leave it to the kernel". */
    public static final int MIN_SOCKET_BUFFER_BYTES = 4096;
    /** Largest socket buffer asked for. */
    public static final int MAX_SOCKET_BUFFER_BYTES = 256 << 20;
    /** Default number of threads running asynchronous transfers. */
    public static final int DEFAULT_ASYNC_THREADS = 2;
    /** Largest number of threads running asynchronous transfers. */
    public static final int MAX_ASYNC_THREADS = 64;

    private final String bindHost;
    private final int chunkSizeBytes;
    private final int maxChunksInFlight;
    private final int connectionsPerPeer;
    private final int socketSendBufferBytes;
    private final int socketReceiveBufferBytes;
    private final int asyncThreads;

    private TcpTransportSettings(final Builder builder) {
        this.bindHost = builder.bindHost;
        this.chunkSizeBytes = builder.chunkSizeBytes;
        this.maxChunksInFlight = builder.maxChunksInFlight;
        this.connectionsPerPeer = builder.connectionsPerPeer;
        this.socketSendBufferBytes = builder.socketSendBufferBytes;
        this.socketReceiveBufferBytes = builder.socketReceiveBufferBytes;
        this.asyncThreads = builder.asyncThreads;
    }

    /**
     * The default settings.
     *
     * @return the settings
     */
    public static TcpTransportSettings defaults() {
        return builder().build();
    }

    /**
     * Starts settings from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The host an endpoint listens on when its config has no {@code tcp.listen} option.
     *
     * @return a host name or IP literal (IPv6 without brackets)
     */
    public String bindHost() {
        return bindHost;
    }

    /**
     * The size of the chunks large transfers are cut into; also the largest chunk this transport's endpoints accept.
     *
     * @return the size in bytes
     */
    public int chunkSizeBytes() {
        return chunkSizeBytes;
    }

    /**
     * How many chunk requests a link sends before it waits for the oldest reply.
     *
     * @return the count
     */
    public int maxChunksInFlight() {
        return maxChunksInFlight;
    }

    /**
     * How many TCP connections one peer connection may keep to its peer (one per concurrent operation).
     *
     * @return the count
     */
    public int connectionsPerPeer() {
        return connectionsPerPeer;
    }

    /**
     * The SO_SNDBUF asked for on every socket.
     *
     * @return the size in bytes, or 0 to leave the kernel's default and autotuning
     */
    public int socketSendBufferBytes() {
        return socketSendBufferBytes;
    }

    /**
     * The SO_RCVBUF asked for on every socket (set before connect and listen, so window scaling covers it).
     *
     * @return the size in bytes, or 0 to leave the kernel's default and autotuning
     */
    public int socketReceiveBufferBytes() {
        return socketReceiveBufferBytes;
    }

    /**
     * The number of threads running asynchronous transfers.
     *
     * @return the count
     */
    public int asyncThreads() {
        return asyncThreads;
    }

    @Override
    public String toString() {
        return "bindHost=" + bindHost + ", chunkSizeBytes=" + chunkSizeBytes + ", maxChunksInFlight="
            + maxChunksInFlight + ", connectionsPerPeer=" + connectionsPerPeer + ", socketSendBufferBytes="
            + socketSendBufferBytes + ", socketReceiveBufferBytes=" + socketReceiveBufferBytes + ", asyncThreads="
            + asyncThreads;
    }

    /** Builds {@link TcpTransportSettings}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private String bindHost = DEFAULT_BIND_HOST;
        private int chunkSizeBytes = DEFAULT_CHUNK_SIZE_BYTES;
        private int maxChunksInFlight = DEFAULT_MAX_CHUNKS_IN_FLIGHT;
        private int connectionsPerPeer = DEFAULT_CONNECTIONS_PER_PEER;
        private int socketSendBufferBytes = DEFAULT_SOCKET_BUFFER_BYTES;
        private int socketReceiveBufferBytes = DEFAULT_SOCKET_BUFFER_BYTES;
        private int asyncThreads = DEFAULT_ASYNC_THREADS;

        private Builder() {
        }

        /**
         * Sets the default listen host.
         *
         * @param host a host name or IP literal; IPv6 without brackets
         * @return this builder
         */
        public Builder bindHost(final String host) {
            this.bindHost = host;
            return this;
        }

        /**
         * Sets the chunk size.
         *
         * @param bytes {@value #MIN_CHUNK_SIZE_BYTES}..{@value #MAX_CHUNK_SIZE_BYTES}
         * @return this builder
         */
        public Builder chunkSizeBytes(final int bytes) {
            this.chunkSizeBytes = bytes;
            return this;
        }

        /**
         * Sets how many chunk requests may be in flight on one link.
         *
         * @param count 1..{@value #MAX_CHUNKS_IN_FLIGHT}
         * @return this builder
         */
        public Builder maxChunksInFlight(final int count) {
            this.maxChunksInFlight = count;
            return this;
        }

        /**
         * Sets how many TCP connections one peer connection may open.
         *
         * @param count 1..{@value #MAX_CONNECTIONS_PER_PEER}
         * @return this builder
         */
        public Builder connectionsPerPeer(final int count) {
            this.connectionsPerPeer = count;
            return this;
        }

        /**
         * Sets SO_SNDBUF.
         *
         * @param bytes 0 (kernel default) or {@value #MIN_SOCKET_BUFFER_BYTES}..{@value #MAX_SOCKET_BUFFER_BYTES}
         * @return this builder
         */
        public Builder socketSendBufferBytes(final int bytes) {
            this.socketSendBufferBytes = bytes;
            return this;
        }

        /**
         * Sets SO_RCVBUF.
         *
         * @param bytes 0 (kernel default) or {@value #MIN_SOCKET_BUFFER_BYTES}..{@value #MAX_SOCKET_BUFFER_BYTES}
         * @return this builder
         */
        public Builder socketReceiveBufferBytes(final int bytes) {
            this.socketReceiveBufferBytes = bytes;
            return this;
        }

        /**
         * Sets the number of asynchronous transfer threads.
         *
         * @param count 1..{@value #MAX_ASYNC_THREADS}
         * @return this builder
         */
        public Builder asyncThreads(final int count) {
            this.asyncThreads = count;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws InvalidArgumentException naming the PID and the key of the first bad value
         */
        public TcpTransportSettings build() {
            if (bindHost == null || TcpHostPort.problem(bracketed(bindHost) + ":0", true) != null) {
                throw fail("bindHost must be a host name or IP literal: bindHost=" + bindHost);
            }
            checkRange("chunkSizeBytes", chunkSizeBytes, MIN_CHUNK_SIZE_BYTES, MAX_CHUNK_SIZE_BYTES);
            checkRange("maxChunksInFlight", maxChunksInFlight, 1, MAX_CHUNKS_IN_FLIGHT);
            checkRange("connectionsPerPeer", connectionsPerPeer, 1, MAX_CONNECTIONS_PER_PEER);
            checkBuffer("socketSendBufferBytes", socketSendBufferBytes);
            checkBuffer("socketReceiveBufferBytes", socketReceiveBufferBytes);
            checkRange("asyncThreads", asyncThreads, 1, MAX_ASYNC_THREADS);
            return new TcpTransportSettings(this);
        }

        private static String bracketed(final String host) {
            return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        }

        private static void checkRange(final String key, final int value, final int min, final int max) {
            if (value < min || value > max) {
                throw fail(key + " must be " + min + ".." + max + ": " + key + "=" + value);
            }
        }

        private static void checkBuffer(final String key, final int value) {
            if (value != 0 && (value < MIN_SOCKET_BUFFER_BYTES || value > MAX_SOCKET_BUFFER_BYTES)) {
                throw fail(key + " must be 0 or " + MIN_SOCKET_BUFFER_BYTES + ".." + MAX_SOCKET_BUFFER_BYTES + ": "
                    + key + "=" + value);
            }
        }

        private static InvalidArgumentException fail(final String message) {
            return LastError.record(new InvalidArgumentException(PID + ": " + message));
        }
    }
}
