package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/** Synchronous one-sided writes and reads between two endpoints move exactly the bytes asked for. */
public abstract class ReadWriteConformanceTest extends TransportTestSupport {
    private static final int GUARD_BYTES = 32;

    /** Creates the test; subclasses supply the transport. */
    protected ReadWriteConformanceTest() {
    }

    /**
     * What is written is what is read back, and no neighbouring byte changes.
     *
     * @param sizeBytes the transfer size
     */
    @ParameterizedTest(name = "sizeBytes={0}")
    @ValueSource(ints = {1, 7, 4096, 4097, 1 << 20})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    public void shouldReadBackWhatWasWritten(final int sizeBytes) {
        final RegisteredRegion region = registerOwnerRegion(sizeBytes + 2 * GUARD_BYTES);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(sizeBytes, 11), remote, GUARD_BYTES);

            final ByteBuffer memory = region.memory();
            assertZeros(memory, 0, GUARD_BYTES);
            assertPattern(memory, GUARD_BYTES, sizeBytes, 11);
            assertZeros(memory, GUARD_BYTES + sizeBytes, GUARD_BYTES);

            final ByteBuffer back = ByteBuffer.allocateDirect(sizeBytes);
            connection.read(remote, GUARD_BYTES, back);
            assertPattern(back, 0, sizeBytes, 11);
        }
    }

    /** Only position..limit of the local buffer moves, and position and limit stay where they were. */
    @Test
    public void shouldUseAndKeepTheLocalPositionAndLimit() {
        final RegisteredRegion region = registerOwnerRegion(256);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            final ByteBuffer source = pattern(100, 5).position(10).limit(20);
            connection.write(source, remote, 0);
            assertEquals(10, source.position());
            assertEquals(20, source.limit());
            for (int i = 0; i < 10; i++) {
                assertEquals(TransportTestSupport.patternByte(10 + i, 5), region.memory().get(i));
            }
            assertZeros(region.memory(), 10, 246);

            final ByteBuffer target = ByteBuffer.allocateDirect(64).position(4).limit(14);
            connection.read(remote, 0, target);
            assertEquals(4, target.position());
            assertEquals(14, target.limit());
            assertZeros(target, 0, 4);
            for (int i = 0; i < 10; i++) {
                assertEquals(region.memory().get(i), target.get(4 + i));
            }
            assertZeros(target, 14, 50);
        }
    }

    /** Stores the owner makes locally are what a remote read returns. */
    @Test
    public void shouldReturnTheOwnersLocalStoresToRemoteReads() {
        final RegisteredRegion region = registerOwnerRegion(4096);
        region.memory().put(pattern(4096, 21));
        try (PeerConnection connection = connectToOwner()) {
            final ByteBuffer back = ByteBuffer.allocateDirect(4096);
            connection.read(exported(region), 0, back);
            assertPattern(back, 0, 4096, 21);
        }
    }

    /** Both endpoints can own regions and write into each other's. */
    @Test
    public void shouldTransferInBothDirections() {
        final RegisteredRegion ownerRegion = registerOwnerRegion(512);
        final RegisteredRegion requesterRegion = requester.registerRegion(allocateRegionMemory(512));
        try (PeerConnection toOwner = connectToOwner();
            PeerConnection toRequester = owner.connect(requester.descriptor())) {
            toOwner.write(pattern(512, 1), exported(ownerRegion), 0);
            toRequester.write(pattern(512, 2), exported(requesterRegion), 0);
        }
        assertPattern(ownerRegion.memory(), 0, 512, 1);
        assertPattern(requesterRegion.memory(), 0, 512, 2);
    }

    /** The whole region, first byte to last, is reachable. */
    @Test
    public void shouldReachTheFirstAndLastByteOfTheRegion() {
        final RegisteredRegion region = registerOwnerRegion(4096);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            connection.write(pattern(1, 8), remote, 0);
            connection.write(pattern(1, 9), remote, 4095);
            connection.write(pattern(4096, 10), remote, 0);
            final ByteBuffer last = ByteBuffer.allocateDirect(1);
            connection.read(remote, 4095, last);
            assertEquals(TransportTestSupport.patternByte(4095, 10), last.get(0));
        }
    }
}
