package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.assertPattern;
import static org.memfabric.transport.tcp.TcpTestSupport.assertZeros;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * A peer that goes away and comes back at the same address: the connection reports the loss, reconnects on a later
 * operation, and the restarted endpoint refuses every region descriptor of its predecessor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpPeerRestartTest {
    private final TcpTransport transport = new TcpTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void shouldReconnectToARestartedPeerAndRefuseItsPredecessorsRegions() {
        final TransportEndpoint requester = transport.open(config("restart-requester", 5000));
        final TransportEndpoint first = TcpTestSupport.openOnStablePort(transport, "restart-owner-1", 5000);
        final String address = first.descriptor().address().toString();
        final RegisteredRegion oldRegion = first.registerRegion(ByteBuffer.allocateDirect(4096));
        final RegionDescriptor oldRemote = oldRegion.descriptor();
        try (PeerConnection connection = requester.connect(first.descriptor())) {
            connection.write(pattern(4096, 1), oldRemote, 0);
            first.close();

            final TransportException lost =
                assertThrows(TransportException.class, () -> connection.write(pattern(64, 2), oldRemote, 0));
            assertTrue(lost.getMessage().contains(address), lost.getMessage());

            final TransportEndpoint second = transport.open(config("restart-owner-2", 5000, TcpEndpoint.OPTION_LISTEN,
                address));
            assertEquals(first.descriptor(), second.descriptor(), "same address, same descriptor");
            final ByteBuffer memory = ByteBuffer.allocateDirect(8192);
            final RegisteredRegion newRegion = second.registerRegion(memory);

            final RegionAccessException stale = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(64, 3), oldRemote, 0));
            assertEquals(Refusal.UNKNOWN_REGION, stale.refusal());
            assertTrue(stale.getMessage().contains("another incarnation"), stale.getMessage());
            assertZeros(memory, 0, 8192);

            connection.write(pattern(8192, 4), newRegion.descriptor(), 0);
            assertPattern(memory, 0, 8192, 4);
            assertTrue(requester.counters().get("reconnects") >= 1, requester.counters().toString());
            assertTrue(requester.counters().get("peer." + address + ".linksLost") >= 1);
        }
        assertPattern(oldRegion.memory(), 0, 4096, 1);
    }

    @Test
    void shouldNotReuseRegionIdsAcrossEndpointsAtTheSameAddress() {
        final TransportEndpoint first = TcpTestSupport.openOnStablePort(transport, "ids-1", 5000);
        final String address = first.descriptor().address().toString();
        final long firstId = first.registerRegion(ByteBuffer.allocateDirect(64)).regionId();
        first.close();
        final TransportEndpoint second = transport.open(config("ids-2", 5000, TcpEndpoint.OPTION_LISTEN, address));
        final long secondId = second.registerRegion(ByteBuffer.allocateDirect(64)).regionId();

        assertTrue(firstId != secondId, "firstId=" + firstId + ", secondId=" + secondId);
        assertTrue((firstId >>> 32) != (secondId >>> 32), "each endpoint has its own incarnation");
        assertEquals(1, secondId & 0xffff_ffffL);
    }
}
