package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * Peers that accept a link and then say nothing: every blocking step (handshake, reply) is bounded by the operation
 * timeout and fails with a {@link TransportException} naming the peer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpTimeoutTest {
    private static final long TIMEOUT_MS = 500;

    private final TcpTransport transport = new TcpTransport();
    private final CopyOnWriteArrayList<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws IOException {
        transport.close();
        if (silent != null) {
            silent.close();
        }
        for (final Socket socket : accepted) {
            socket.close();
        }
    }

    /** A listener that accepts links; {@code welcome} says whether it answers the hello before going silent. */
    private PeerDescriptor silentPeer(final boolean welcome) throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    final Socket socket = silent.accept();
                    accepted.add(socket);
                    if (welcome) {
                        socket.getInputStream().readNBytes(TcpWireDescriptor.HELLO_FIXED_LENGTH);
                        final ByteBuffer frame = TcpWireDescriptor.encodeWelcome(
                            ByteBuffer.allocate(TcpWireDescriptor.WELCOME_LENGTH).order(TcpWireDescriptor.ORDER),
                            TcpWireDescriptor.WELCOME_ACCEPTED, 3, 1 << 20, 42);
                        socket.getOutputStream().write(frame.array());
                    }
                }
            } catch (final IOException closed) {
                // test over
            }
        }, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
        final InetSocketAddress address = (InetSocketAddress) silent.getLocalSocketAddress();
        return new PeerDescriptor("tcp", EndpointAddress.ofText("127.0.0.1:" + address.getPort()),
            EnumSet.of(DataOpKind.HOST_TCP));
    }

    @Test
    void shouldFailConnectWhenThePeerNeverAnswersTheHello() throws IOException {
        final PeerDescriptor peer = silentPeer(false);
        final TransportEndpoint requester = transport.open(config("timeout-requester", TIMEOUT_MS));

        final long startNs = System.nanoTime();
        final TransportException failure = assertThrows(TransportException.class, () -> requester.connect(peer));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(failure.getMessage().contains("peer not reachable"), failure.getMessage());
        assertTrue(failure.getMessage().contains(peer.address().toString()), failure.getMessage());
        assertTrue(tookMs < 20_000, "tookMs=" + tookMs);
        assertTrue(!requester.reachability(peer).isReachable());
    }

    @Test
    void shouldTimeOutAnOperationWhoseReplyNeverComes() throws IOException {
        final PeerDescriptor peer = silentPeer(true);
        final TransportEndpoint requester = transport.open(config("timeout-requester", TIMEOUT_MS));
        final RegionDescriptor remote = new RegionDescriptor("tcp", peer.address(), 1, 2, 0, 1 << 20);
        try (PeerConnection connection = requester.connect(peer)) {
            final TransportException failure = assertThrows(TransportException.class,
                () -> connection.write(pattern(4096, 1), remote, 0));
            assertTrue(failure.getMessage().startsWith("operation timed out, the peer made no progress: "),
                failure.getMessage());
            assertTrue(failure.getMessage().contains("peer=" + peer.address()), failure.getMessage());
            assertTrue(failure.getMessage().contains("timeoutMs=" + TIMEOUT_MS), failure.getMessage());
            assertTrue(requester.counters().get("timeouts") == 1, requester.counters().toString());

            // a large write that the silent peer never reads fills the socket buffers: bounded too
            assertThrows(TransportException.class, () -> connection.write(pattern(1 << 20, 2), remote, 0));
        }
    }
}
