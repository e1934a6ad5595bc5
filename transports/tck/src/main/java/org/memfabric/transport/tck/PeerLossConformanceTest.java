package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferOp;

/**
 * A closed peer, a closed connection or a closed local endpoint makes every later operation fail with a
 * {@link TransportException} within a bounded time; nothing hangs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class PeerLossConformanceTest extends TransportTestSupport {
    private static final long WAIT_MS = 20_000;

    /** Creates the test; subclasses supply the transport. */
    protected PeerLossConformanceTest() {
    }

    /**
     * Sync, batch and async operations on a closed peer fail with a transport error naming the peer.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldFailEveryOperationWhenThePeerEndpointIsClosed() throws Exception {
        final RegisteredRegion region = registerOwnerRegion(4096);
        final RegionDescriptor remote = exported(region);
        final String peer = owner.descriptor().address().toString();
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(4096, 1), remote, 0);
            owner.close();

            final TransportException write =
                assertThrows(TransportException.class, () -> connection.write(pattern(16, 2), remote, 0));
            assertTrue(write.getMessage().contains(peer), write.getMessage());
            assertThrows(TransportException.class, () -> connection.read(remote, 0, ByteBuffer.allocateDirect(16)));
            assertThrows(TransportException.class,
                () -> connection.transferBatch(List.of(TransferOp.write(pattern(16, 3), remote, 0))));
            assertFailsWith(TransportException.class, connection.writeAsync(pattern(16, 4), remote, 0), WAIT_MS);
            assertFailsWith(TransportException.class, connection.readAsync(remote, 0, ByteBuffer.allocateDirect(16)),
                WAIT_MS);
        }
        assertPattern(region.memory(), 0, 4096, 1);
    }

    /** A closed connection refuses further operations; closing again is harmless. */
    @Test
    public void shouldFailOperationsOnAClosedConnection() throws Exception {
        final RegionDescriptor remote = exported(registerOwnerRegion(64));
        final PeerConnection connection = connectToOwner();
        connection.close();

        assertFalse(connection.isOpen());
        assertThrows(TransportException.class, () -> connection.write(pattern(8, 1), remote, 0));
        assertFailsWith(TransportException.class, connection.writeAsync(pattern(8, 1), remote, 0), WAIT_MS);
        connection.close();
        try (PeerConnection another = connectToOwner()) {
            another.write(pattern(8, 2), remote, 0);
        }
    }

    /** Closing the local endpoint closes the connections opened from it. */
    @Test
    public void shouldCloseConnectionsWhenTheirEndpointCloses() {
        final RegionDescriptor remote = exported(registerOwnerRegion(64));
        final PeerConnection connection = connectToOwner();
        requester.close();

        assertFalse(connection.isOpen());
        assertThrows(TransportException.class, () -> connection.write(pattern(8, 1), remote, 0));
    }

    /** A peer that went away cannot be connected to, and the attempt returns promptly. */
    @Test
    public void shouldRefuseToConnectToAClosedPeer() {
        final var peer = owner.descriptor();
        owner.close();

        assertThrows(TransportException.class, () -> requester.connect(peer));
    }
}
