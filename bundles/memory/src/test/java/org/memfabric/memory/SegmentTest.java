package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.ObjectNotFoundException;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SegmentTest {
    private static final long MIB_2 = Segment.SEGMENT_GRANULARITY_BYTES;

    @Test
    void shouldAllocateAZeroFilledSegmentDescribingThisProcess() {
        try (Segment segment = Segment.allocate("unit", 2 * MIB_2)) {
            final SegmentDescriptor descriptor = segment.descriptor();

            assertTrue(segment.isOwner());
            assertTrue(segment.isOpen());
            assertEquals(2 * MIB_2, segment.sizeBytes());
            assertNotEquals(0, segment.address());
            assertEquals(HostIdentity.bootId(), descriptor.bootId());
            assertEquals(NativeMemory.pid(), descriptor.pid());
            assertEquals("unit", descriptor.label());
            assertEquals(2 * MIB_2, descriptor.sizeBytes());
            final ByteBuffer all = segment.view(0, (int) segment.sizeBytes());
            for (int i = 0; i < all.capacity(); i += 4096) {
                assertEquals(0, all.get(i), "index=" + i);
            }
            assertEquals(segment.address(), NativeMemory.address(all));
        }
    }

    @Test
    void shouldRejectSizesThatAreNotPositiveMultiplesOf2MiB() {
        final InvalidArgumentException odd =
            assertThrows(InvalidArgumentException.class, () -> Segment.allocate("unit", MIB_2 + 4096));
        assertEquals("sizeBytes must be a multiple of 2 MiB (2097152): sizeBytes=2101248", odd.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate("unit", 0));
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate("unit", -MIB_2));
    }

    @Test
    void shouldRejectEmptyLongAndControlCharacterLabels() {
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate("", MIB_2));
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate(null, MIB_2));
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate("x".repeat(129), MIB_2));
        assertThrows(InvalidArgumentException.class, () -> Segment.allocate("a\nb", MIB_2));
    }

    @Test
    void shouldRefuseSegmentsLargerThanTheAvailableMemory() {
        final long tooMuch = (MemInfo.availableBytes() / MIB_2 + 1024) * MIB_2;

        final org.memfabric.api.MemFabricException failure =
            assertThrows(org.memfabric.api.MemFabricException.class, () -> Segment.allocate("huge", tooMuch));
        assertEquals(org.memfabric.api.ErrorCode.SM_MALLOC_FAILED, failure.errorCode());
        assertTrue(failure.getMessage().contains("sizeBytes=" + tooMuch), failure.getMessage());
    }

    @Test
    void shouldBoundsCheckViews() {
        try (Segment segment = Segment.allocate("unit", MIB_2)) {
            assertEquals(16, segment.view(MIB_2 - 16, 16).capacity());
            assertEquals(0, segment.view(MIB_2, 0).capacity());

            final InvalidArgumentException past =
                assertThrows(InvalidArgumentException.class, () -> segment.view(MIB_2 - 15, 16));
            assertEquals("segment view outside the segment: label=unit, offsetBytes=2097137, lengthBytes=16, "
                + "sizeBytes=2097152", past.getMessage());
            assertThrows(InvalidArgumentException.class, () -> segment.view(-1, 1));
            assertThrows(InvalidArgumentException.class, () -> segment.view(0, -1));
            assertThrows(InvalidArgumentException.class, () -> segment.view(Long.MAX_VALUE, 1));
        }
    }

    @Test
    void shouldRefuseViewsAfterCloseAndCloseIdempotently() {
        final Segment segment = Segment.allocate("unit", MIB_2);
        segment.close();
        segment.close();

        assertFalse(segment.isOpen());
        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> segment.view(0, 8));
        assertTrue(failure.getMessage().startsWith("segment closed, no view: label=unit"), failure.getMessage());
    }

    @Test
    void shouldShareStoresBetweenTheOwnerAndAnAttachedMapping() {
        try (Segment owner = Segment.allocate("unit", MIB_2); Segment attached = Segment.attach(owner.descriptor())) {
            assertFalse(attached.isOwner());
            assertNotEquals(owner.address(), attached.address());
            assertEquals(owner.descriptor(), attached.descriptor());

            owner.view(100, 8).putLong(0, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, attached.view(100, 8).getLong(0));
            attached.view(MIB_2 - 1, 1).put(0, (byte) 42);
            assertEquals(42, owner.view(MIB_2 - 1, 1).get(0));
        }
    }

    @Test
    void shouldKeepAttachedMemoryAfterTheOwnerCloses() {
        final Segment owner = Segment.allocate("unit", MIB_2);
        try (Segment attached = Segment.attach(owner.descriptor())) {
            owner.view(0, 4).putInt(0, 7);
            owner.close();

            assertEquals(7, attached.view(0, 4).getInt(0));
            assertThrows(ObjectNotFoundException.class, () -> Segment.attach(owner.descriptor()));
        }
    }

    @Test
    void shouldRefuseToAttachADescriptorOfAnotherBoot() {
        try (Segment owner = Segment.allocate("unit", MIB_2)) {
            final SegmentDescriptor real = owner.descriptor();
            final SegmentDescriptor otherBoot = new SegmentDescriptor(UUID.randomUUID(), real.pid(), real.fd(),
                real.sizeBytes(), real.inode(), real.nonce(), real.label());

            final InvalidArgumentException failure =
                assertThrows(InvalidArgumentException.class, () -> Segment.attach(otherBoot));
            assertTrue(failure.getMessage().startsWith("segment of another host or boot"), failure.getMessage());
        }
    }

    @Test
    void shouldRefuseToAttachWhenTheFdNamesAnotherFile() {
        try (Segment owner = Segment.allocate("unit", MIB_2)) {
            final SegmentDescriptor real = owner.descriptor();
            final SegmentDescriptor otherNonce = new SegmentDescriptor(real.bootId(), real.pid(), real.fd(),
                real.sizeBytes(), real.inode(), real.nonce() + 1, real.label());
            final SegmentDescriptor otherSize = new SegmentDescriptor(real.bootId(), real.pid(), real.fd(),
                real.sizeBytes() * 2, real.inode(), real.nonce(), real.label());
            final SegmentDescriptor otherInode = new SegmentDescriptor(real.bootId(), real.pid(), real.fd(),
                real.sizeBytes(), real.inode() + 1, real.nonce(), real.label());

            final ObjectNotFoundException reused =
                assertThrows(ObjectNotFoundException.class, () -> Segment.attach(otherNonce));
            assertTrue(reused.getMessage().contains("the fd names another file"), reused.getMessage());
            assertThrows(ObjectNotFoundException.class, () -> Segment.attach(otherSize));
            assertThrows(ObjectNotFoundException.class, () -> Segment.attach(otherInode));
        }
    }

    @Test
    void shouldRefuseToAttachAClosedSegmentEvenWhenItsFdIsReused() {
        final Segment first = Segment.allocate("unit", MIB_2);
        final SegmentDescriptor stale = first.descriptor();
        first.close();
        try (Segment second = Segment.allocate("unit", MIB_2)) {
            // The kernel hands out the lowest free fd, so the second memfd usually reuses the first one's number.
            assertThrows(ObjectNotFoundException.class, () -> Segment.attach(stale));
            assertEquals(0, second.view(0, 1).get(0));
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldMapSegmentsLargerThan2GiBContiguously() {
        final long sizeBytes = (1L << 31) + MIB_2;
        try (Segment owner = Segment.allocate("large", sizeBytes)) {
            owner.view(sizeBytes - 8, 8).putLong(0, 0xCAFEBABE12345678L);
            owner.view(Integer.MAX_VALUE, 8).putLong(0, 0x0102030405060708L);
            try (Segment attached = Segment.attach(owner.descriptor())) {
                assertEquals(sizeBytes, attached.sizeBytes());
                assertEquals(0xCAFEBABE12345678L, attached.view(sizeBytes - 8, 8).getLong(0));
                assertEquals(0x0102030405060708L, attached.view(Integer.MAX_VALUE, 8).getLong(0));
                assertEquals(owner.address() + sizeBytes - 8, NativeMemory.address(owner.view(sizeBytes - 8, 8)));
            }
        }
    }
}
