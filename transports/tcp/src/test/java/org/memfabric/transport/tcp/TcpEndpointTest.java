package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.assertPattern;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/** Endpoint options, addresses, reachability and counters. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpEndpointTest {
    private final TcpTransport transport = new TcpTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void shouldAdvertiseTheHostAndPortActuallyBound() {
        final TransportEndpoint endpoint = transport.open(config("bound", 5000));
        final TcpHostPort address = TcpHostPort.parse("address", endpoint.descriptor().address().toString(), false);

        assertEquals("127.0.0.1", address.host());
        assertTrue(address.port() > 0);
        assertEquals(EnumSet.of(DataOpKind.HOST_TCP), endpoint.descriptor().kinds());
    }

    @Test
    void shouldListenWhereTheListenOptionSays() {
        final TransportEndpoint stable = TcpTestSupport.openOnStablePort(transport, "stable", 5000);
        final int port = TcpTestSupport.hostPort(stable.descriptor()).port();
        stable.close();
        final TransportEndpoint endpoint = transport.open(config("fixed", 5000, "tcp.listen", "localhost:" + port));

        assertEquals("127.0.0.1:" + port, endpoint.descriptor().address().toString());
        final TransportException taken = assertThrows(TransportException.class,
            () -> transport.open(config("taken", 5000, "tcp.listen", "127.0.0.1:" + port)));
        assertTrue(taken.getMessage().startsWith("cannot listen: transport=tcp, tcp.listen=127.0.0.1:" + port),
            taken.getMessage());
    }

    @Test
    void shouldRejectBadOptionsNamingThem() {
        assertEquals("tcp.listen must be host:port or [v6]:port (no port): tcp.listen=localhost",
            assertThrows(InvalidArgumentException.class,
                () -> transport.open(config("bad", 5000, "tcp.listen", "localhost"))).getMessage());
        assertEquals("unknown tcp endpoint option: option=tcp.lisen, known=tcp.listen,tcp.advertiseHost",
            assertThrows(InvalidArgumentException.class,
                () -> transport.open(config("typo", 5000, "tcp.lisen", "127.0.0.1:0"))).getMessage());
        final InvalidArgumentException wildcard = assertThrows(InvalidArgumentException.class,
            () -> transport.open(config("wildcard", 5000, "tcp.listen", "0.0.0.0:0")));
        assertTrue(wildcard.getMessage().startsWith("listening on a wildcard address needs the address peers "
            + "connect to: tcp.listen=0.0.0.0:0"), wildcard.getMessage());
        transport.open(config("other-transport-options-are-ignored", 5000, "shm.path", "/dev/shm/x")).close();
    }

    @Test
    void shouldAdvertiseTheGivenHostWhenListeningOnAWildcard() {
        final TransportEndpoint owner = transport.open(config("wild", 5000, "tcp.listen", "0.0.0.0:0",
            "tcp.advertiseHost", "127.0.0.1"));
        final TransportEndpoint requester = transport.open(config("req", 5000));
        assertTrue(owner.descriptor().address().toString().startsWith("127.0.0.1:"));
        final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(64));
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            connection.write(pattern(64, 1), region.descriptor(), 0);
        }
        assertPattern(region.memory(), 0, 64, 1);
    }

    @Test
    void shouldWorkOverIpv6LoopbackWhereAvailable() throws IOException {
        final InetAddress v6 = InetAddress.getByName("::1");
        assumeTrue(v6 instanceof Inet6Address && canBind(v6), "IPv6 loopback not available on this host");
        final TransportEndpoint owner = transport.open(config("v6-owner", 5000, "tcp.listen", "[::1]:0"));
        final TransportEndpoint requester = transport.open(config("v6-req", 5000, "tcp.listen", "[::1]:0"));
        assertTrue(owner.descriptor().address().toString().startsWith("[0:0:0:0:0:0:0:1]:"),
            owner.descriptor().address().toString());
        final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(4096));
        try (PeerConnection connection = requester.connect(PeerDescriptor.fromBytes(owner.descriptor().toBytes()))) {
            connection.write(pattern(4096, 2), region.descriptor(), 0);
        }
        assertPattern(region.memory(), 0, 4096, 2);
    }

    private static boolean canBind(final InetAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    @Test
    void shouldSayWhyAPeerIsUnreachableWithoutBlocking() {
        final TransportEndpoint endpoint = transport.open(config("reach", 5000));
        final Reachability malformed = endpoint.reachability(new PeerDescriptor("tcp",
            EndpointAddress.ofText("no-port"), EnumSet.of(DataOpKind.HOST_TCP)));
        assertFalse(malformed.isReachable());
        assertEquals("peer address is not host:port: transport=tcp, peer=no-port", malformed.reason());

        final Reachability binary = endpoint.reachability(new PeerDescriptor("tcp",
            EndpointAddress.of(new byte[] {0, 1, 2}), EnumSet.of(DataOpKind.HOST_TCP)));
        assertEquals("peer address is not host:port: transport=tcp, peer=0x000102", binary.reason());
        assertThrows(InvalidArgumentException.class, () -> endpoint.connect(new PeerDescriptor("tcp",
            EndpointAddress.ofText("[::1]"), EnumSet.of(DataOpKind.HOST_TCP))));

        final Reachability foreign = endpoint.reachability(new PeerDescriptor("local",
            EndpointAddress.ofText("127.0.0.1:1"), EnumSet.of(DataOpKind.LOCAL)));
        assertTrue(foreign.reason().startsWith("peer uses another transport"), foreign.reason());
    }

    @Test
    void shouldCountPerEndpointAndPerPeer() {
        final TransportEndpoint owner = transport.open(config("count-owner", 5000));
        final TransportEndpoint requester = transport.open(config("count-req", 5000));
        final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(4096));
        final String peer = owner.descriptor().address().toString();
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            connection.write(pattern(4096, 1), region.descriptor(), 0);
            connection.read(region.descriptor(), 0, ByteBuffer.allocateDirect(100));
        }
        final Map<String, Long> counters = requester.counters();
        assertEquals(2L, counters.get("ops"));
        assertEquals(2L, counters.get("peer." + peer + ".ops"));
        assertEquals(4096L, counters.get("peer." + peer + ".bytesWritten"));
        assertEquals(100L, counters.get("bytesRead"));
        assertEquals(2L, counters.get("chunks"));
        assertEquals(0L, counters.get("errors"));
        assertEquals(1L, counters.get("linksOpened"));
        assertEquals(0L, counters.get("reconnects"));
        assertEquals(2L, owner.counters().get("served.requests"));
        assertEquals(4096L, owner.counters().get("served.bytesWritten"));
        assertEquals(100L, owner.counters().get("served.bytesRead"));
        assertEquals(1L, owner.counters().get("served.linksAccepted"));
        assertFalse(owner.counters().keySet().stream().anyMatch(name -> name.startsWith("peer.")));
    }
}
