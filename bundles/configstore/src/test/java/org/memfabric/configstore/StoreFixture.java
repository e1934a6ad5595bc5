package org.memfabric.configstore;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.server.StoreServer;
import org.memfabric.configstore.wire.LinkSecurity;

/** A plaintext server on a free loopback port plus the clients a test opens; closes everything. */
public final class StoreFixture implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    private StoreServer server;

    /**
     * Starts a server.
     *
     * @param options server options
     * @return the server
     */
    public StoreServer start(final StoreServerOptions options) {
        server = StoreServer.start(loopback(0), options, LinkSecurity.PLAINTEXT);
        open.add(server);
        return server;
    }

    /**
     * Starts a server with default options.
     *
     * @return the server
     */
    public StoreServer start() {
        return start(new StoreServerOptions());
    }

    /**
     * The current server.
     *
     * @return the server
     */
    public StoreServer server() {
        return server;
    }

    /**
     * Options with short timeouts suitable for tests.
     *
     * @return options
     */
    public static StoreClientOptions quick() {
        return new StoreClientOptions().requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5))
            .heartbeatInterval(Duration.ofMillis(100)).reconnectTimeout(Duration.ofSeconds(5));
    }

    /**
     * Connects a client to the current server.
     *
     * @param options client options
     * @return the client
     */
    public StoreClient client(final StoreClientOptions options) {
        final StoreClient c = StoreClient.connect(server.url(), options, LinkSecurity.PLAINTEXT);
        open.add(c);
        return c;
    }

    /**
     * Connects a client with {@link #quick()} options.
     *
     * @return the client
     */
    public StoreClient client() {
        return client(quick());
    }

    /**
     * A loopback URL.
     *
     * @param port the port
     * @return the url
     */
    public static StoreUrl loopback(final int port) {
        return StoreUrl.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Binds a new plaintext server on a port a closed one used, retrying for up to 5 s while the kernel still holds
     * the old server's sockets on that port ("address in use" right after a close).
     *
     * @param port the port
     * @return the server (not tracked; close it or {@link #track} it)
     * @throws InterruptedException when interrupted between attempts
     */
    public static StoreServer restartOn(final int port) throws InterruptedException {
        final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return StoreServer.start(loopback(port), new StoreServerOptions(), LinkSecurity.PLAINTEXT);
            } catch (final org.memfabric.api.ResourceInUseException e) {
                if (System.nanoTime() > deadlineNs) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * Registers something to close with the fixture.
     *
     * @param c the resource
     * @param <T> its type
     * @return the resource
     */
    public <T extends AutoCloseable> T track(final T c) {
        open.add(c);
        return c;
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (final Exception ignored) {
                // keep closing
            }
        }
        open.clear();
    }
}
