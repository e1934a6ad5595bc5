package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;

/** Reachability says yes, by which kinds, or no and why; connect agrees with it. */
public abstract class ReachabilityConformanceTest extends TransportTestSupport {
    /** Creates the test; subclasses supply the transport. */
    protected ReachabilityConformanceTest() {
    }

    /** An open peer is reachable by kinds the transport serves, and connect returns an open connection. */
    @Test
    public void shouldReachAnOpenPeerByKindsTheTransportServes() {
        final PeerDescriptor peer = PeerDescriptor.fromBytes(owner.descriptor().toBytes());
        final Reachability reachability = requester.reachability(peer);

        assertTrue(reachability.isReachable(), reachability.toString());
        assertTrue(transport.kinds().containsAll(reachability.kinds()), reachability.toString());
        assertEquals("", reachability.reason());
        try (PeerConnection connection = requester.connect(peer)) {
            assertTrue(connection.isOpen());
            assertEquals(owner.descriptor(), connection.peer());
        }
    }

    /** A peer of another transport is unreachable, and connecting to it is bad input. */
    @Test
    public void shouldReportAPeerOfAnotherTransportUnreachable() {
        final PeerDescriptor foreign = new PeerDescriptor("tck-other-transport", owner.descriptor().address(),
            EnumSet.of(DataOpKind.HOST_TCP));
        final Reachability reachability = requester.reachability(foreign);

        assertFalse(reachability.isReachable());
        assertFalse(reachability.reason().isBlank());
        assertThrows(InvalidArgumentException.class, () -> requester.connect(foreign));
    }

    /** A closed peer is unreachable and connecting fails promptly with a transport error. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    public void shouldReportAClosedPeerUnreachableAndRefuseToConnect() {
        final PeerDescriptor peer = PeerDescriptor.fromBytes(owner.descriptor().toBytes());
        owner.close();

        final Reachability reachability = requester.reachability(peer);
        assertFalse(reachability.isReachable());
        assertFalse(reachability.reason().isBlank());
        assertThrows(TransportException.class, () -> requester.connect(peer));
    }

    /** A closed endpoint connects to nobody. */
    @Test
    public void shouldRefuseToConnectFromAClosedEndpoint() {
        requester.close();

        assertThrows(TransportException.class, () -> requester.connect(owner.descriptor()));
    }

    /** A null peer is bad input. */
    @Test
    public void shouldRejectANullPeer() {
        assertThrows(InvalidArgumentException.class, () -> requester.reachability(null));
        assertThrows(InvalidArgumentException.class, () -> requester.connect(null));
    }
}
