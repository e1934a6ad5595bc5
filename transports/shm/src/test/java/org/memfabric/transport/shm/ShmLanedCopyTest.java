package org.memfabric.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.memory.Segment;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.TransferOp;
import org.memfabric.transport.spi.TransportEndpoint;

/** Copies split into lanes: every byte lands once whatever the op sizes, checks come before any byte moves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmLanedCopyTest {
    private static final int REGION_BYTES = 4 << 20;
    /** Sizes around the stripe rules: tiny, not 64-byte multiples, below and above lanes × 16 KiB, over 1 MiB. */
    private static final int[] SIZES = {1, 63, 4096, 16_383, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 100_003,
        (1 << 20) + 13, 65, 3 * 64 * 1024 + 64};

    private ShmTransport transport;
    private TransportEndpoint owner;
    private TransportEndpoint requester;
    private Segment segment;
    private RegionDescriptor remote;

    @BeforeEach
    void open() {
        transport = new ShmTransport(1, 3, 64 * 1024);
        owner = transport.open(EndpointConfig.builder("owner").rank(0).operationTimeoutMs(5_000).build());
        requester = transport.open(EndpointConfig.builder("requester").rank(1).build());
        segment = Segment.allocate("laned-test", REGION_BYTES);
        remote = owner.registerRegion(segment.view(0, REGION_BYTES)).descriptor();
    }

    @AfterEach
    void close() {
        transport.close();
        segment.close();
    }

    /** Ops covering [0, total) in the order of SIZES, reading or writing at the same offset on both sides. */
    private List<TransferOp> ops(final ByteBuffer local, final boolean write) {
        final List<TransferOp> ops = new ArrayList<>();
        int at = 0;
        for (final int size : SIZES) {
            final ByteBuffer view = local.duplicate().position(at).limit(at + size).slice();
            ops.add(write ? TransferOp.write(view, remote, at) : TransferOp.read(remote, at, view));
            at += size;
        }
        return ops;
    }

    private static int total() {
        int total = 0;
        for (final int size : SIZES) {
            total += size;
        }
        return total;
    }

    @Test
    void shouldWriteAndReadEveryByteOfAMixedBatchInLanes() {
        final ByteBuffer source = ByteBuffer.allocateDirect(total());
        Patterns.fillFine(source, 7);
        final ByteBuffer back = ByteBuffer.allocateDirect(total());
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            connection.transferBatch(ops(source, true));
            assertEquals(-1, Patterns.firstFineMismatch(segment.view(0, total()), 7));

            connection.transferBatch(ops(back, false));
            assertEquals(-1, Patterns.firstFineMismatch(back, 7));
        }
        final Map<String, Long> counters = requester.counters();
        assertEquals(2, counters.get("lanedBatches"));
        assertEquals(2L * SIZES.length, counters.get("ops"));
        assertEquals(total(), counters.get("bytesWritten"));
        assertEquals(total(), counters.get("bytesRead"));
    }

    @Test
    void shouldSplitASingleLargeCopyAndLeaveSmallOnesOnTheCaller() throws Exception {
        final int size = (2 << 20) + 7;
        final ByteBuffer source = ByteBuffer.allocateDirect(size);
        Patterns.fillFine(source, 3);
        final ByteBuffer back = ByteBuffer.allocateDirect(size);
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            connection.write(source, remote, 5);
            connection.transferAsync(TransferOp.read(remote, 5, back)).get(30, TimeUnit.SECONDS);
            connection.write(ByteBuffer.allocateDirect(64 * 1024 - 1), remote, 0);
        }
        assertEquals(-1, Patterns.firstFineMismatch(back, 3));
        assertEquals(2, requester.counters().get("lanedBatches"));
    }

    @Test
    void shouldMoveNoByteOfALanedBatchWithARefusedOp() {
        final ByteBuffer source = ByteBuffer.allocateDirect(1 << 20);
        Patterns.fillFine(source, 5);
        final RegionDescriptor wrongKey = new RegionDescriptor(remote.transportName(), remote.ownerAddress(),
            remote.regionId(), remote.key() + 1, 0, remote.lengthBytes());
        final List<TransferOp> ops = List.of(TransferOp.write(source.duplicate().limit(512 * 1024).slice(), remote, 0),
            TransferOp.write(source.duplicate().position(512 * 1024).slice(), wrongKey, 512 * 1024));
        try (PeerConnection connection = requester.connect(owner.descriptor())) {
            final RegionAccessException refused =
                assertThrows(RegionAccessException.class, () -> connection.transferBatch(ops));
            assertEquals(RegionAccessException.Refusal.KEY_MISMATCH, refused.refusal());
        }
        final ByteBuffer untouched = segment.view(0, 512 * 1024);
        for (int i = 0; i < untouched.capacity(); i++) {
            assertEquals(0, untouched.get(i), "byte " + i);
        }
        assertEquals(0, requester.counters().get("lanedBatches"));
        assertEquals(0, requester.counters().get("bytesWritten"));
        assertEquals(1, requester.counters().get("refusals"));
    }

    @Test
    void shouldNeverSplitWithOneLane() {
        try (ShmTransport single = new ShmTransport(1, 1, 1)) {
            final TransportEndpoint o = single.open(EndpointConfig.builder("o").rank(0).build());
            final TransportEndpoint r = single.open(EndpointConfig.builder("r").rank(1).build());
            final RegionDescriptor region = o.registerRegion(segment.view(0, REGION_BYTES)).descriptor();
            final ByteBuffer source = ByteBuffer.allocateDirect(2 << 20);
            Patterns.fillFine(source, 9);
            try (PeerConnection connection = r.connect(o.descriptor())) {
                connection.write(source, region, 0);
            }
            assertEquals(-1, Patterns.firstFineMismatch(segment.view(0, 2 << 20), 9));
            assertEquals(0, r.counters().get("lanedBatches"));
        }
    }
}
