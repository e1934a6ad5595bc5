package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/** After deregistration the region's memory is out of reach: access fails cleanly and touches nothing. */
public abstract class DeregistrationConformanceTest extends TransportTestSupport {
    /** Creates the test; subclasses supply the transport. */
    protected DeregistrationConformanceTest() {
    }

    /** Writes and reads of a deregistered region are refused and the memory keeps its last content. */
    @Test
    public void shouldRefuseAccessAfterDeregister() {
        final ByteBuffer memory = allocateRegionMemory(4096);
        final RegisteredRegion region = owner.registerRegion(memory);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(4096, 1), remote, 0);
            owner.deregisterRegion(region);

            final RegionAccessException write = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(4096, 2), remote, 0));
            assertEquals(Refusal.UNKNOWN_REGION, write.refusal());
            final ByteBuffer target = ByteBuffer.allocateDirect(16);
            assertThrows(RegionAccessException.class, () -> connection.read(remote, 0, target));
            assertZeros(target, 0, 16);
        }
        assertPattern(memory, 0, 4096, 1);
    }

    /**
     * Asynchronous access after deregistration fails through the future.
     *
     * @throws Exception when waiting fails
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    public void shouldFailAsyncAccessAfterDeregister() throws Exception {
        final RegisteredRegion region = registerOwnerRegion(64);
        final RegionDescriptor remote = exported(region);
        owner.deregisterRegion(region);
        try (PeerConnection connection = connectToOwner()) {
            assertFailsWith(RegionAccessException.class, connection.writeAsync(pattern(64, 1), remote, 0), 20_000);
        }
        assertZeros(region.memory(), 0, 64);
    }

    /** Other regions of the endpoint keep working. */
    @Test
    public void shouldKeepOtherRegionsWorking() {
        final RegisteredRegion gone = registerOwnerRegion(64);
        final RegisteredRegion kept = registerOwnerRegion(64);
        owner.deregisterRegion(gone);
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(64, 5), exported(kept), 0);
        }
        assertPattern(kept.memory(), 0, 64, 5);
    }

    /** Registering the same memory again gives a new descriptor; the old one stays refused. */
    @Test
    public void shouldNotRevalidateAnOldDescriptorByReRegistering() {
        final ByteBuffer memory = allocateRegionMemory(256);
        final RegisteredRegion first = owner.registerRegion(memory);
        final RegionDescriptor old = exported(first);
        owner.deregisterRegion(first);
        final RegisteredRegion second = owner.registerRegion(memory);
        assertNotEquals(old, second.descriptor());
        try (PeerConnection connection = connectToOwner()) {
            assertThrows(RegionAccessException.class, () -> connection.write(pattern(256, 1), old, 0));
            assertZeros(memory, 0, 256);
            connection.write(pattern(256, 2), exported(second), 0);
        }
        assertPattern(memory, 0, 256, 2);
    }
}
