package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/** Registering local memory yields descriptors that survive the trip through bytes; bad buffers are refused. */
public abstract class RegionRegistrationConformanceTest extends TransportTestSupport {
    /** Creates the test; subclasses supply the transport. */
    protected RegionRegistrationConformanceTest() {
    }

    /** The exported descriptor names the transport, the owner and the length, and round-trips through bytes. */
    @Test
    public void shouldExportARegionDescriptorThatRoundTripsThroughBytes() {
        final RegisteredRegion region = registerOwnerRegion(4096);
        final RegionDescriptor descriptor = region.descriptor();

        assertEquals(transport.name(), descriptor.transportName());
        assertEquals(owner.descriptor().address(), descriptor.ownerAddress());
        assertEquals(4096, descriptor.lengthBytes());
        assertEquals(4096, region.memory().capacity());
        assertEquals(descriptor, RegionDescriptor.fromBytes(descriptor.toBytes()));
        assertTrue(owner.isRegistered(region));
    }

    /** The endpoint's own descriptor round-trips through bytes. */
    @Test
    public void shouldExportAPeerDescriptorThatRoundTripsThroughBytes() {
        final PeerDescriptor descriptor = owner.descriptor();

        assertEquals(descriptor, PeerDescriptor.fromBytes(descriptor.toBytes()));
        assertNotEquals(owner.descriptor().address(), requester.descriptor().address());
    }

    /** Only position..limit is registered, and later moves of the caller's buffer do not matter. */
    @Test
    public void shouldRegisterOnlyTheBytesBetweenPositionAndLimit() {
        final ByteBuffer memory = allocateRegionMemory(8192);
        memory.position(1024).limit(3072);
        final RegisteredRegion region = owner.registerRegion(memory);
        memory.clear();

        assertEquals(2048, region.lengthBytes());
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(2048, 3), exported(region), 0);
        }
        assertZeros(memory, 0, 1024);
        assertPattern(memory, 1024, 2048, 3);
        assertZeros(memory, 3072, 8192 - 3072);
    }

    /** Regions of one endpoint never share an id. */
    @Test
    public void shouldGiveDistinctIdsToRegionsOfOneEndpoint() {
        final RegisteredRegion first = registerOwnerRegion(64);
        final RegisteredRegion second = registerOwnerRegion(64);

        assertNotEquals(first.regionId(), second.regionId());
    }

    /** Heap, read-only, empty and null buffers are bad input. */
    @Test
    public void shouldRejectHeapReadOnlyEmptyAndNullBuffers() {
        assertThrows(InvalidArgumentException.class, () -> owner.registerRegion(ByteBuffer.allocate(64)));
        assertThrows(InvalidArgumentException.class,
            () -> owner.registerRegion(ByteBuffer.allocateDirect(64).asReadOnlyBuffer()));
        assertThrows(InvalidArgumentException.class, () -> owner.registerRegion(ByteBuffer.allocateDirect(0)));
        assertThrows(InvalidArgumentException.class, () -> owner.registerRegion(null));
    }

    /** Deregistering twice, or at the wrong endpoint, names the missing region and loses nothing. */
    @Test
    public void shouldRejectDeregistrationOfARegionNotRegisteredThere() {
        final RegisteredRegion region = registerOwnerRegion(64);
        final RegisteredRegion kept = registerOwnerRegion(64);

        assertThrows(ObjectNotFoundException.class, () -> requester.deregisterRegion(region));
        assertTrue(owner.isRegistered(region));
        owner.deregisterRegion(region);
        assertFalse(owner.isRegistered(region));
        assertThrows(ObjectNotFoundException.class, () -> owner.deregisterRegion(region));
        assertTrue(owner.isRegistered(kept));
    }

    /** A closed endpoint registers nothing. */
    @Test
    public void shouldRefuseRegistrationAfterClose() {
        final RegisteredRegion region = registerOwnerRegion(64);
        owner.close();

        assertThrows(TransportException.class, () -> owner.registerRegion(allocateRegionMemory(64)));
        assertFalse(owner.isRegistered(region));
    }
}
