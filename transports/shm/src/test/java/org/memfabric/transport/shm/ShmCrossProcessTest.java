package org.memfabric.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.memory.Segment;
import org.memfabric.testkit.ChildJvm;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.spi.DirectViewConnection;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/** Real two-process tests: a child JVM on the test class path is the requester, or an owner that gets killed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShmCrossProcessTest {
    @Test
    void shouldLetAChildProcessReadAndWriteTheParentsRegion() throws Exception {
        try (ShmTransport transport = new ShmTransport(1);
            TransportEndpoint owner = transport.open(EndpointConfig.builder("parent").rank(0).build());
            Segment segment = Segment.allocate("parent", Segment.SEGMENT_GRANULARITY_BYTES)) {
            final RegisteredRegion region = owner.registerRegion(segment.view(0, ShmChild.REGION_BYTES));
            final ByteBuffer memory = region.memory();
            Patterns.fillFine(memory.slice(4096, 4096), 3);
            try (ChildJvm child = ChildJvm.start(ShmChild.class, "requester",
                ChildJvm.hex(owner.descriptor().toBytes()), ChildJvm.hex(region.descriptor().toBytes()))) {
                assertEquals("ok", child.readLine());
                assertEquals(0, child.awaitExit(60_000));
            }

            assertEquals(-1, Patterns.firstFineMismatch(memory.slice(0, 4096), 7));
            assertEquals(-1, Patterns.firstFineMismatch(memory.slice(4096, 4096), 3));
            assertEquals(0x5EED, memory.getLong(8192));
            assertEquals(0, memory.get(8200));
        }
    }

    @Test
    void shouldFailTypedAndNeverHangWhenTheOwnerProcessIsKilled() throws Exception {
        try (ShmTransport transport = new ShmTransport(1);
            TransportEndpoint requester = transport.open(EndpointConfig.builder("parent").rank(0).build());
            ChildJvm child = ChildJvm.start(ShmChild.class, "owner")) {
            final PeerDescriptor peer = PeerDescriptor.fromBytes(ChildJvm.unhex(child.readLine()));
            final RegionDescriptor region = RegionDescriptor.fromBytes(ChildJvm.unhex(child.readLine()));
            assertTrue(requester.reachability(peer).isReachable());
            try (PeerConnection connection = requester.connect(peer)) {
                final ByteBuffer seen = ByteBuffer.allocateDirect(ShmChild.REGION_BYTES);
                connection.read(region, 0, seen);
                assertEquals(-1, Patterns.firstFineMismatch(seen, 11));
                final ByteBuffer view =
                    assertInstanceOf(DirectViewConnection.class, connection).directView(region, 0, 64);

                child.kill();

                final TransportException gone = writeUntilRefused(connection, region, 10_000);
                assertTrue(gone.getMessage().startsWith("peer process gone: pid="), gone.getMessage());
                assertTrue(gone.getMessage().contains(peer.address().toString()), gone.getMessage());
                final java.util.concurrent.ExecutionException async = assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> connection.readAsync(region, 0, ByteBuffer.allocateDirect(8)).get(10, TimeUnit.SECONDS));
                assertInstanceOf(TransportException.class, async.getCause());
                // The dead owner's memory is still mapped here: reading an old view does not crash.
                assertEquals(Patterns.fineAt(0, 11), view.get(0));
            }
            final Reachability after = requester.reachability(peer);
            assertFalse(after.isReachable());
            assertNotNull(after.reason());
            assertThrows(TransportException.class, () -> requester.connect(peer));
        }
    }

    /** Writes until the transport refuses; every attempt either completes or fails typed, within the bound. */
    private static TransportException writeUntilRefused(final PeerConnection connection, final RegionDescriptor region,
        final long timeoutMs) {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final ByteBuffer source = ByteBuffer.allocateDirect(64);
        while (System.nanoTime() < deadlineNs) {
            try {
                connection.write(source, region, 1024);
            } catch (final TransportException refused) {
                return refused;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("writes to a killed owner kept succeeding for timeoutMs=" + timeoutMs);
    }
}
