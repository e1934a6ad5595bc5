package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/**
 * Out-of-range access is refused with a typed error and corrupts nothing: ranges outside the descriptor are bad
 * input on the requester; forged or stale descriptors (longer length, unknown id, wrong key) are refused by the owner.
 */
public abstract class BoundsConformanceTest extends TransportTestSupport {
    private static final int REGION_BYTES = 4096;

    /** Creates the test; subclasses supply the transport. */
    protected BoundsConformanceTest() {
    }

    /** A range past the descriptor's end, or a negative offset, is bad input; memory is unchanged. */
    @Test
    public void shouldRejectRangesOutsideTheDescriptor() {
        final ByteBuffer memory = allocateRegionMemory(REGION_BYTES + 64);
        final RegisteredRegion region = owner.registerRegion(memory.duplicate().limit(REGION_BYTES));
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            assertThrows(InvalidArgumentException.class, () -> connection.write(pattern(2, 1), remote,
                REGION_BYTES - 1));
            assertThrows(InvalidArgumentException.class, () -> connection.write(pattern(1, 1), remote, REGION_BYTES));
            assertThrows(InvalidArgumentException.class, () -> connection.write(pattern(1, 1), remote, -1));
            assertThrows(InvalidArgumentException.class, () -> connection.write(pattern(1, 1), remote,
                Long.MAX_VALUE));
            assertThrows(InvalidArgumentException.class,
                () -> connection.read(remote, REGION_BYTES - 8, ByteBuffer.allocateDirect(16)));
            assertThrows(InvalidArgumentException.class, () -> connection.read(remote, -8,
                ByteBuffer.allocateDirect(4)));
        }
        assertZeros(memory, 0, REGION_BYTES + 64);
    }

    /** A descriptor claiming more than was registered is refused by the owner; nothing past the region changes. */
    @Test
    public void shouldRefuseARangeBeyondTheRegisteredLength() {
        final ByteBuffer memory = allocateRegionMemory(REGION_BYTES * 2);
        final RegisteredRegion region = owner.registerRegion(memory.duplicate().limit(REGION_BYTES));
        final RegionDescriptor forged = withLength(exported(region), REGION_BYTES * 2L);
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException write = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(16, 1), forged, REGION_BYTES - 8));
            assertEquals(Refusal.OUT_OF_BOUNDS, write.refusal());

            final ByteBuffer target = pattern(16, 2);
            final RegionAccessException read = assertThrows(RegionAccessException.class,
                () -> connection.read(forged, REGION_BYTES, target));
            assertEquals(Refusal.OUT_OF_BOUNDS, read.refusal());
            assertPattern(target, 0, 16, 2);

            connection.write(pattern(16, 3), exported(region), 0);
        }
        assertPattern(memory, 0, 16, 3);
        assertZeros(memory, 16, REGION_BYTES * 2 - 16);
    }

    /** An id the owner never registered is refused as an unknown region. */
    @Test
    public void shouldRefuseAnUnknownRegionId() {
        final RegisteredRegion region = registerOwnerRegion(REGION_BYTES);
        final RegionDescriptor real = exported(region);
        final RegionDescriptor unknown = new RegionDescriptor(real.transportName(), real.ownerAddress(),
            real.regionId() + 1_000_000, real.key(), real.baseAddress(), real.lengthBytes());
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException failure = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(64, 1), unknown, 0));
            assertEquals(Refusal.UNKNOWN_REGION, failure.refusal());
            assertThrows(RegionAccessException.class,
                () -> connection.read(unknown, 0, ByteBuffer.allocateDirect(64)));
        }
        assertZeros(region.memory(), 0, REGION_BYTES);
    }

    /** A wrong access key is refused. */
    @Test
    public void shouldRefuseAWrongKey() {
        final RegisteredRegion region = registerOwnerRegion(REGION_BYTES);
        final RegionDescriptor real = exported(region);
        final RegionDescriptor wrongKey = new RegionDescriptor(real.transportName(), real.ownerAddress(),
            real.regionId(), real.key() + 1, real.baseAddress(), real.lengthBytes());
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException failure = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(64, 1), wrongKey, 0));
            assertEquals(Refusal.KEY_MISMATCH, failure.refusal());
        }
        assertZeros(region.memory(), 0, REGION_BYTES);
    }

    /** A region of another endpoint is bad input on this connection. */
    @Test
    public void shouldRejectARegionOfAnotherPeer() {
        registerOwnerRegion(64);
        final RegisteredRegion elsewhere = requester.registerRegion(allocateRegionMemory(64));
        try (PeerConnection connection = connectToOwner()) {
            assertThrows(InvalidArgumentException.class, () -> connection.write(pattern(8, 1), exported(elsewhere),
                0));
        }
        assertZeros(elsewhere.memory(), 0, 64);
    }

    /** The refusal names the transport, the peer, the region and the range. */
    @Test
    public void shouldNameTransportPeerAndRangeInTheRefusal() {
        final RegisteredRegion region = registerOwnerRegion(REGION_BYTES);
        final RegionDescriptor forged = withLength(exported(region), REGION_BYTES * 2L);
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException failure = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(32, 1), forged, REGION_BYTES + 100));
            final String message = failure.getMessage();
            assertEquals(transport.name(), failure.transport());
            assertTrue(message.contains("transport=" + transport.name()), message);
            assertTrue(message.contains(owner.descriptor().address().toString()), message);
            assertTrue(message.contains("regionId=" + region.regionId()), message);
            assertTrue(message.contains("remoteOffset=" + (REGION_BYTES + 100)), message);
            assertTrue(message.contains("sizeBytes=32"), message);
        }
    }

    private static RegionDescriptor withLength(final RegionDescriptor real, final long lengthBytes) {
        return new RegionDescriptor(real.transportName(), real.ownerAddress(), real.regionId(), real.key(),
            real.baseAddress(), lengthBytes);
    }
}
