package org.memfabric.configstore.roles;

import java.time.Duration;
import java.util.Optional;

import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;

/**
 * A rank's connection to its config store, plus the server when this rank runs it. Closing closes both (the client
 * first). Thread-safe.
 */
public final class StoreSession implements AutoCloseable {
    /** How long {@link #closeAfterOthers} waits by default for the other links of an embedded store. */
    public static final Duration STORE_HOST_LINGER = Duration.ofSeconds(10);
    private static final FabricLogger LOG = FabricLogger.of("store");
    private static final long POLL_MS = 20;

    private final ConfigStoreServer server;
    private final ConfigStore client;

    StoreSession(final ConfigStoreServer server, final ConfigStore client) {
        this.server = server;
        this.client = client;
    }

    /**
     * The embedded server, when this rank started it.
     *
     * @return the server
     */
    public Optional<ConfigStoreServer> server() {
        return Optional.ofNullable(server);
    }

    /**
     * The client (un-prefixed).
     *
     * @return the client
     */
    public ConfigStore client() {
        return client;
    }

    /**
     * The rank announced or assigned.
     *
     * @return the rank, -1 for none
     */
    public int rank() {
        return client.rank();
    }

    /**
     * Closes the session; when this rank hosts the store, first waits (at most {@code linger}) until its own link is
     * the only one left, so that other ranks still leaving their groups through the store do not lose it under
     * their feet. After {@code linger} the store stops anyway and a warning names the links still open.
     *
     * @param linger the longest wait
     * @since 1.1
     */
    public void closeAfterOthers(final Duration linger) {
        if (server != null) {
            final long end = System.nanoTime() + linger.toNanos();
            while (server.linkCount() > 1 && !Thread.currentThread().isInterrupted()) {
                if (System.nanoTime() > end) {
                    LOG.warn("stopping the embedded config store while other links are still open: links="
                        + server.linkCount() + ", waitedMs=" + linger.toMillis());
                    break;
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        close();
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "StoreSession[rank=" + rank() + ", server=" + (server == null ? "none" : server.url()) + "]";
    }
}
