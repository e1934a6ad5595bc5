package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

class DescriptorBytesTest {
    private static final EndpointAddress ADDRESS = EndpointAddress.of(new byte[] {1, 2, (byte) 0xff});

    private final RegionDescriptor region = new RegionDescriptor("tcp", ADDRESS, 7, 0x1234_5678_9abc_def0L,
        0x7f00_0000_0000L, 4096);
    private final PeerDescriptor peer = new PeerDescriptor("tcp", ADDRESS,
        EnumSet.of(DataOpKind.HOST_TCP, DataOpKind.LOCAL));

    @Test
    void shouldRoundTripRegionDescriptorThroughBytes() {
        final RegionDescriptor back = RegionDescriptor.fromBytes(region.toBytes());

        assertEquals(region, back);
        assertEquals(0x1234_5678_9abc_def0L, back.key());
        assertEquals(0x7f00_0000_0000L, back.baseAddress());
    }

    @Test
    void shouldRoundTripPeerDescriptorThroughBytes() {
        assertEquals(peer, PeerDescriptor.fromBytes(peer.toBytes()));
    }

    @Test
    void shouldWriteRegionDescriptorInTheDocumentedLayout() {
        final byte[] bytes = region.toBytes();

        assertEquals(42 + 3 + 3 + 2, bytes.length);
        assertArrayEquals(new byte[] {'M', 'F', 'R', 'D', 1, 1, 0, 3, 't', 'c', 'p', 0, 3, 1, 2, (byte) 0xff},
            Arrays.copyOf(bytes, 16));
    }

    @Test
    void shouldRejectRegionDescriptorWhenTruncated() {
        final byte[] bytes = region.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            final byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(InvalidArgumentException.class, () -> RegionDescriptor.fromBytes(truncated),
                "lengthBytes=" + length);
        }
    }

    @Test
    void shouldRejectRegionDescriptorWhenMajorVersionDiffers() {
        final byte[] bytes = region.toBytes();
        bytes[4] = 2;

        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> RegionDescriptor.fromBytes(bytes));
        assertEquals("region descriptor layout not compatible: app=1.1, bytes=2.1", failure.getMessage());
    }

    @Test
    void shouldAcceptTrailingFieldsOfANewerMinorVersionOnly() {
        final byte[] bytes = Arrays.copyOf(region.toBytes(), region.toBytes().length + 8);
        assertThrows(InvalidArgumentException.class, () -> RegionDescriptor.fromBytes(bytes));

        bytes[5] = 2;
        assertEquals(region, RegionDescriptor.fromBytes(bytes));
    }

    @Test
    void shouldRoundTripTransportData() {
        final RegionDescriptor withData = new RegionDescriptor("shm", ADDRESS, 7, 9, 0, 4096, new byte[] {5, 6, 7});

        final RegionDescriptor back = RegionDescriptor.fromBytes(withData.toBytes());

        assertEquals(withData, back);
        assertArrayEquals(new byte[] {5, 6, 7}, back.transportData());
        assertTrue(!back.equals(region));
    }

    @Test
    void shouldReadALayout10DescriptorAsOneWithoutTransportData() {
        final byte[] current = region.toBytes();
        final byte[] old = Arrays.copyOf(current, current.length - 2);
        old[5] = 0;

        final RegionDescriptor back = RegionDescriptor.fromBytes(old);

        assertEquals(region, back);
        assertEquals(0, back.transportData().length);
    }

    @Test
    void shouldRejectOversizedTransportData() {
        assertThrows(InvalidArgumentException.class, () -> new RegionDescriptor("shm", ADDRESS, 7, 9, 0, 4096,
            new byte[RegionDescriptor.MAX_TRANSPORT_DATA_BYTES + 1]));
    }

    @Test
    void shouldRejectPeerDescriptorWithWrongMagic() {
        final byte[] bytes = peer.toBytes();
        bytes[0] = 'X';

        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> PeerDescriptor.fromBytes(bytes));
        assertTrue(failure.getMessage().startsWith("peer descriptor has a wrong magic"), failure.getMessage());
    }

    @Test
    void shouldRejectPeerDescriptorWithUnknownKindBits() {
        final byte[] bytes = peer.toBytes();
        bytes[bytes.length - 1] = (byte) 0x80;

        assertThrows(InvalidArgumentException.class, () -> PeerDescriptor.fromBytes(bytes));
    }

    @Test
    void shouldRejectNullBytes() {
        assertThrows(InvalidArgumentException.class, () -> RegionDescriptor.fromBytes(null));
        assertThrows(InvalidArgumentException.class, () -> PeerDescriptor.fromBytes(null));
    }

    @Test
    void shouldRejectRegionDescriptorWithNonPositiveLength() {
        assertThrows(InvalidArgumentException.class, () -> new RegionDescriptor("tcp", ADDRESS, 1, 1, 0, 0));
    }

    @Test
    void shouldPrintAddressAsTextWhenPrintableElseAsHex() {
        assertEquals("local-1", EndpointAddress.ofText("local-1").toString());
        assertEquals("0x0102ff", ADDRESS.toString());
    }

    @Test
    void shouldKeepTheKeyOutOfTheRegionDescriptorText() {
        assertTrue(!region.toString().contains("key"), region.toString());
    }
}
