package org.memfabric.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.memory.Segment;
import org.memfabric.memory.SegmentDescriptor;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.DirectViewConnection;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Reachability;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/** What the TCK does not cover: shareable memory only, direct views, counters, addresses and the table layout. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmEndpointTest {
    private static final long MIB_2 = Segment.SEGMENT_GRANULARITY_BYTES;

    private ShmTransport transport;
    private TransportEndpoint owner;
    private TransportEndpoint requester;
    private Segment segment;

    @BeforeEach
    void open() {
        transport = new ShmTransport(1);
        owner = transport.open(EndpointConfig.builder("owner").rank(0).operationTimeoutMs(5_000).build());
        requester = transport.open(EndpointConfig.builder("requester").rank(1).build());
        segment = Segment.allocate("endpoint-test", 2 * MIB_2);
    }

    @AfterEach
    void close() {
        transport.close();
        segment.close();
    }

    @Test
    void shouldRefuseMemoryOutsideAnyOwnedSegmentWithAClearError() {
        final ByteBuffer plain = ByteBuffer.allocateDirect(4096);

        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> owner.registerRegion(plain));
        assertTrue(failure.getMessage().startsWith("memory not shareable: allocate it with Segment.allocate: "
            + "transport=shm, endpoint=" + owner.descriptor().address() + ", address=0x"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("lengthBytes=4096"), failure.getMessage());

        try (Segment attached = Segment.attach(segment.descriptor())) {
            assertThrows(InvalidArgumentException.class, () -> owner.registerRegion(attached.view(0, 64)));
        }
        final ByteBuffer straddling = segment.view(0, (int) (2 * MIB_2));
        assertEquals(2 * MIB_2, owner.registerRegion(straddling).lengthBytes());
    }

    @Test
    void shouldDescribeWhereTheRegionLivesInItsTransportData() {
        final RegisteredRegion region = owner.registerRegion(segment.view(MIB_2, 4096));
        final byte[] data = region.descriptor().transportData();

        assertEquals(MIB_2, RegionTransportData.offsetBytes(data));
        assertEquals(segment.descriptor(), RegionTransportData.segment(data));
    }

    @Test
    void shouldRefuseADescriptorWhoseTransportDataNamesAnotherSegment() {
        final RegisteredRegion region = owner.registerRegion(segment.view(0, 4096));
        final RegionDescriptor real = region.descriptor();
        try (Segment other = Segment.allocate("other", MIB_2);
            PeerConnection connection = requester.connect(owner.descriptor())) {
            final RegionDescriptor forged = new RegionDescriptor(real.transportName(), real.ownerAddress(),
                real.regionId(), real.key(), 0, real.lengthBytes(),
                RegionTransportData.encode(other.descriptor(), 0));
            final RegionAccessException failure = assertThrows(RegionAccessException.class,
                () -> connection.write(ByteBuffer.allocateDirect(8), forged, 0));
            assertEquals(RegionAccessException.Refusal.KEY_MISMATCH, failure.refusal());
            assertEquals(0, other.view(0, 8).getLong(0));
        }
    }

    @Test
    void shouldHandOutDirectViewsThatShareStoresWithTheOwner() {
        final RegisteredRegion region = owner.registerRegion(segment.view(4096, 8192));
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            final DirectViewConnection direct = assertInstanceOf(DirectViewConnection.class, connection);
            final ByteBuffer view = direct.directView(region.descriptor(), 100, 16);

            assertEquals(16, view.capacity());
            view.putLong(0, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, region.memory().getLong(100));
            region.memory().putLong(108, 99);
            assertEquals(99, view.getLong(8));
            assertThrows(InvalidArgumentException.class, () -> direct.directView(region.descriptor(), 8190, 16));
            assertThrows(InvalidArgumentException.class, () -> direct.directView(region.descriptor(), 0, 0));

            owner.deregisterRegion(region);
            final RegionAccessException refused = assertThrows(RegionAccessException.class,
                () -> direct.directView(region.descriptor(), 0, 8));
            assertEquals(RegionAccessException.Refusal.UNKNOWN_REGION, refused.refusal());
            // The mapping stays valid after deregistration: no crash, only the owner no longer looks.
            assertEquals(0x0102030405060708L, view.getLong(0));
            assertEquals(1, requester.counters().get("directViews"));
        }
    }

    @Test
    void shouldCountOpsBytesAndRefusals() {
        final RegisteredRegion region = owner.registerRegion(segment.view(0, 4096));
        final RegionDescriptor remote = region.descriptor();
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            connection.write(ByteBuffer.allocateDirect(100), remote, 0);
            connection.read(remote, 0, ByteBuffer.allocateDirect(30));
            final RegionDescriptor wrongKey = new RegionDescriptor(remote.transportName(), remote.ownerAddress(),
                remote.regionId(), remote.key() + 1, 0, remote.lengthBytes());
            assertThrows(RegionAccessException.class,
                () -> connection.write(ByteBuffer.allocateDirect(8), wrongKey, 0));
        }
        owner.close();
        final Map<String, Long> counters = requester.counters();

        assertEquals(3, counters.get("ops"));
        assertEquals(100, counters.get("bytesWritten"));
        assertEquals(30, counters.get("bytesRead"));
        assertEquals(1, counters.get("refusals"));
        assertEquals(0, counters.get("errors"));
        assertEquals(2, counters.get("segmentsAttached"));
        assertEquals(1, owner.counters().get("regionsRegistered"));
        assertEquals(1, owner.counters().get("regionsDeregistered"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldCopyAcrossTheOneGiBWindowsOfALargeSegment() {
        final long windowBytes = Attachment.WINDOW_BYTES;
        try (Segment large = Segment.allocate("large", windowBytes + MIB_2);
            PeerConnection connection = requester.connect(owner.descriptor())) {
            final RegisteredRegion region = owner.registerRegion(large.view(windowBytes - 4096, 8192));
            final ByteBuffer source = ByteBuffer.allocateDirect(8192);
            Patterns.fillFine(source, 13);

            connection.write(source, region.descriptor(), 0);
            assertEquals(-1, Patterns.firstFineMismatch(large.view(windowBytes - 4096, 8192), 13));
            final ByteBuffer back = ByteBuffer.allocateDirect(8192);
            connection.read(region.descriptor(), 0, back);
            assertEquals(-1, Patterns.firstFineMismatch(back, 13));
        }
    }

    @Test
    void shouldPrintAnAddressThatNamesTheControlSegment() {
        final String address = owner.descriptor().address().toString();
        final ShmAddress parsed = ShmAddress.parse(owner.descriptor().address());

        assertTrue(address.matches("shm://[0-9a-f-]{36}/\\d+/\\d+/\\d+/2097152/[0-9a-f]{16}"), address);
        assertEquals(ProcessHandle.current().pid(), parsed.control().pid());
        assertEquals(ControlTableDescriptor.CONTROL_SEGMENT_BYTES, parsed.control().sizeBytes());
        assertEquals(owner.descriptor().address(), parsed.toEndpointAddress());
        assertThrows(InvalidArgumentException.class,
            () -> ShmAddress.parse(EndpointAddress.ofText("shm://not-a-uuid/1/2/3/4/5")));
        assertThrows(InvalidArgumentException.class, () -> ShmAddress.parse(EndpointAddress.ofText("tcp://x:1")));
    }

    @Test
    void shouldReportPeersOfAnotherBootOrWithMalformedAddressesUnreachable() {
        final SegmentDescriptor control = ShmAddress.parse(owner.descriptor().address()).control();
        final SegmentDescriptor otherBoot = new SegmentDescriptor(UUID.randomUUID(), control.pid(), control.fd(),
            control.sizeBytes(), control.inode(), control.nonce(), control.label());
        final PeerDescriptor elsewhere = new PeerDescriptor(ShmTransport.NAME,
            new ShmAddress(otherBoot).toEndpointAddress(), EnumSet.of(DataOpKind.SDMA, DataOpKind.MTE));
        final PeerDescriptor malformed = new PeerDescriptor(ShmTransport.NAME, EndpointAddress.ofText("shm://x"),
            EnumSet.of(DataOpKind.SDMA));

        final Reachability other = requester.reachability(elsewhere);
        assertFalse(other.isReachable());
        assertTrue(other.reason().startsWith("peer runs on another host or boot"), other.reason());
        assertThrows(TransportException.class, () -> requester.connect(elsewhere));
        assertFalse(requester.reachability(malformed).isReachable());
        assertThrows(InvalidArgumentException.class, () -> requester.connect(malformed));
        assertEquals(EnumSet.of(DataOpKind.SDMA, DataOpKind.MTE),
            requester.reachability(owner.descriptor()).kinds());
    }

    @Test
    void shouldRefuseAStaleAddressWhoseControlSegmentIsGone() {
        final PeerDescriptor stale = owner.descriptor();
        owner.close();
        // Allocating again likely reuses the control segment's fd number for another memfd.
        try (Segment reuse = Segment.allocate("reuse", MIB_2)) {
            final Reachability reachability = requester.reachability(stale);
            assertFalse(reachability.isReachable());
            assertTrue(reachability.reason().contains("segment not found"), reachability.reason());
            assertEquals(0, reuse.view(0, 1).get(0));
        }
    }

    @Test
    void shouldLayOutTheControlTableAsDocumented() {
        assertEquals(0, ControlTableDescriptor.MAGIC_OFFSET);
        assertEquals(4, ControlTableDescriptor.MAJOR_OFFSET);
        assertEquals(6, ControlTableDescriptor.MINOR_OFFSET);
        assertEquals(8, ControlTableDescriptor.OWNER_PID_OFFSET);
        assertEquals(12, ControlTableDescriptor.ENDPOINT_STATE_OFFSET);
        assertEquals(16, ControlTableDescriptor.ENDPOINT_NONCE_OFFSET);
        assertEquals(24, ControlTableDescriptor.SLOT_COUNT_OFFSET);
        assertEquals(28, ControlTableDescriptor.SLOT_SIZE_OFFSET);
        assertEquals(32, ControlTableDescriptor.SLOT_SEGMENT_NONCE_OFFSET);
        assertEquals(40, ControlTableDescriptor.SLOT_STATE_OFFSET);
        assertEquals(44, ControlTableDescriptor.SLOT_IN_FLIGHT_OFFSET);
        assertEquals(32766, ControlTableDescriptor.SLOT_COUNT);
        assertEquals(ControlTableDescriptor.CONTROL_SEGMENT_BYTES,
            ControlTableDescriptor.slotOffset(ControlTableDescriptor.SLOT_COUNT));
        assertEquals(-1, ControlTableDescriptor.slotIndex(ControlTableDescriptor.SLOT_COUNT));
        assertEquals(5, ControlTableDescriptor.slotIndex(ControlTableDescriptor.regionId(7, 5)));
    }

    @Test
    void shouldRefuseATableOfAnotherMajorVersionNamingBothVersions() {
        final ControlTable table = new ControlTable(ByteBuffer.allocateDirect(4096));
        table.initialise(42, 7);
        final ByteBuffer raw = ByteBuffer.allocateDirect(4096);
        final ControlTable newer = new ControlTable(raw);
        newer.initialise(42, 7);
        raw.order(java.nio.ByteOrder.nativeOrder()).putShort(ControlTableDescriptor.MAJOR_OFFSET, (short) 2);

        assertEquals(null, ControlTableDescriptor.checkHeader(table, 42, 7));
        assertEquals("shm control table layout not compatible: app=1.0, file=2.0",
            ControlTableDescriptor.checkHeader(newer, 42, 7));
        assertTrue(ControlTableDescriptor.checkHeader(table, 43, 7).startsWith("shm control table belongs to another"));
    }

    @Test
    void shouldQuarantineASlotWhoseRequesterNeverLeaves() {
        final RegisteredRegion region = owner.registerRegion(segment.view(0, 64));
        final int index = ControlTableDescriptor.slotIndex(region.regionId());
        final ControlTable ownerTable = new ControlTable(ownerControlView());
        ownerTable.enterSlot(index); // a requester that died inside a copy

        final long startNs = System.nanoTime();
        owner.deregisterRegion(region);

        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(4_000));
        assertEquals(ControlTableDescriptor.SLOT_QUARANTINED, ownerTable.slotStateAcquire(index));
        assertEquals(1, owner.counters().get("deregisterWaitTimeouts"));
        final RegisteredRegion next = owner.registerRegion(segment.view(0, 64));
        assertTrue(ControlTableDescriptor.slotIndex(next.regionId()) != index);
    }

    private ByteBuffer ownerControlView() {
        final SegmentDescriptor control = ShmAddress.parse(owner.descriptor().address()).control();
        final Segment attached = Segment.attach(control);
        // Kept mapped until the JVM exits: the test table must outlive the endpoint's own mapping.
        return attached.view(0, (int) control.sizeBytes());
    }
}
