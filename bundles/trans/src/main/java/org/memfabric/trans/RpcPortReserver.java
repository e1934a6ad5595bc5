package org.memfabric.trans;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;

/**
 * Picks free TCP ports in {@value #FIRST_PORT}..{@value #LAST_PORT} and keeps each one reserved by holding a bound
 * socket until {@link #releaseAll()} (Python {@code get_rpc_port}). Thread-safe.
 */
final class RpcPortReserver {
    static final int FIRST_PORT = 15000;
    static final int LAST_PORT = 25000;
    static final int MAX_TRIES = 1000;

    private final List<ServerSocket> reserved = new ArrayList<>();

    /**
     * Reserves a random free port.
     *
     * @return the port
     */
    synchronized int reserve() {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        IOException last = null;
        for (int i = 0; i < MAX_TRIES; i++) {
            final int port = random.nextInt(FIRST_PORT, LAST_PORT + 1);
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
                reserved.add(socket);
                return port;
            } catch (final IOException e) {
                last = e;
                closeQuietly(socket);
            }
        }
        throw LastError.record(new MemFabricException(ErrorCode.SM_RESOURCE_IN_USE,
            "no free rpc port: range=" + FIRST_PORT + ".." + LAST_PORT + ", tries=" + MAX_TRIES, last));
    }

    /**
     * The ports currently reserved.
     *
     * @return the count
     */
    synchronized int reservedCount() {
        return reserved.size();
    }

    /** Releases every reserved port. */
    synchronized void releaseAll() {
        for (final ServerSocket socket : reserved) {
            closeQuietly(socket);
        }
        reserved.clear();
    }

    private static void closeQuietly(final ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (final IOException ignored) {
            // closing a listening socket that never accepted cannot lose data
        }
    }
}
