package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.assertPattern;
import static org.memfabric.transport.tcp.TcpTestSupport.assertZeros;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferOp;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * Transfers larger than a chunk are cut into chunks, pipelined, and reassembled exactly; a refused chunk fails the
 * whole operation, and nothing after it in the operation or batch takes effect.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpChunkingTest {
    private static final int SMALL_CHUNK_BYTES = 64 * 1024;
    private static final int GUARD_BYTES = 64;

    private TcpTransport transport;
    private TransportEndpoint owner;
    private TransportEndpoint requester;

    private PeerConnection open(final int chunkBytes, final int maxChunksInFlight, final int socketBufferBytes) {
        transport = TcpTestSupport.transport(settings -> settings.chunkSizeBytes(chunkBytes)
            .maxChunksInFlight(maxChunksInFlight).socketSendBufferBytes(socketBufferBytes)
            .socketReceiveBufferBytes(socketBufferBytes));
        owner = transport.open(config("chunk-owner", 20_000));
        requester = transport.open(config("chunk-requester", 20_000));
        return requester.connect(owner.descriptor());
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private long chunks() {
        return requester.counters().get("chunks");
    }

    @ParameterizedTest(name = "sizeBytes={0}")
    @ValueSource(ints = {1, SMALL_CHUNK_BYTES - 1, SMALL_CHUNK_BYTES, SMALL_CHUNK_BYTES + 1, 3 * SMALL_CHUNK_BYTES + 5,
        1_000_003})
    void shouldMoveSizesThatAreNotMultiplesOfTheChunkExactly(final int sizeBytes) {
        try (PeerConnection connection = open(SMALL_CHUNK_BYTES, 4, TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES)) {
            final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(sizeBytes + 2 * GUARD_BYTES));
            final long expectedChunks = (sizeBytes + SMALL_CHUNK_BYTES - 1) / SMALL_CHUNK_BYTES;
            final long before = chunks();

            connection.write(pattern(sizeBytes, 3), region.descriptor(), GUARD_BYTES);
            assertEquals(expectedChunks, chunks() - before);
            assertZeros(region.memory(), 0, GUARD_BYTES);
            assertPattern(region.memory(), GUARD_BYTES, sizeBytes, 3);
            assertZeros(region.memory(), GUARD_BYTES + sizeBytes, GUARD_BYTES);

            final ByteBuffer back = ByteBuffer.allocateDirect(sizeBytes + 2);
            back.position(1).limit(sizeBytes + 1);
            connection.read(region.descriptor(), GUARD_BYTES, back);
            assertEquals(2 * expectedChunks, chunks() - before);
            assertEquals(1, back.position());
            assertEquals(sizeBytes + 1, back.limit());
            assertZeros(back, 0, 1);
            assertPattern(back, 1, sizeBytes, 3);
            assertZeros(back, sizeBytes + 1, 1);
        }
    }

    @Test
    void shouldMove64MiBWithTheDefaultChunkSize() {
        final int sizeBytes = 64 << 20;
        try (PeerConnection connection = open(TcpTransportSettings.DEFAULT_CHUNK_SIZE_BYTES,
            TcpTransportSettings.DEFAULT_MAX_CHUNKS_IN_FLIGHT, TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES)) {
            final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(sizeBytes));
            final ByteBuffer source = pattern(sizeBytes, 9);

            connection.write(source, region.descriptor(), 0);
            assertEquals(-1, region.memory().mismatch(source.duplicate().clear()));

            final ByteBuffer back = ByteBuffer.allocateDirect(sizeBytes);
            connection.read(region.descriptor(), 0, back);
            assertEquals(-1, back.mismatch(source.duplicate().clear()));
            assertEquals(128, chunks());
            assertEquals(2L * sizeBytes, requester.counters().get("bytesWritten")
                + requester.counters().get("bytesRead"));
            assertEquals((long) sizeBytes, owner.counters().get("served.bytesWritten"));
        }
    }

    @Test
    void shouldMoveHeapBuffersInChunks() {
        try (PeerConnection connection = open(SMALL_CHUNK_BYTES, 2, 0)) {
            final int sizeBytes = 5 * SMALL_CHUNK_BYTES + 17;
            final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(sizeBytes));
            final ByteBuffer heapSource = ByteBuffer.allocate(sizeBytes);
            heapSource.put(pattern(sizeBytes, 4)).flip();

            connection.write(heapSource, region.descriptor(), 0);
            final ByteBuffer heapTarget = ByteBuffer.allocate(sizeBytes);
            connection.read(region.descriptor(), 0, heapTarget);
            assertPattern(heapTarget, 0, sizeBytes, 4);
            assertEquals(0, heapTarget.position());
        }
    }

    @Test
    void shouldRefuseAWholeOperationThatOnlyPartlyFitsTheRegisteredLength() {
        try (PeerConnection connection = open(SMALL_CHUNK_BYTES, 8, TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES)) {
            final int registered = 4 * SMALL_CHUNK_BYTES;
            final ByteBuffer memory = ByteBuffer.allocateDirect(registered * 2);
            final RegisteredRegion region = owner.registerRegion(memory.duplicate().limit(registered));
            final RegionDescriptor real = region.descriptor();
            final RegionDescriptor forged = new RegionDescriptor(real.transportName(), real.ownerAddress(),
                real.regionId(), real.key(), real.baseAddress(), registered * 2L);

            // the first three chunks lie inside the region, the rest beyond it: no chunk may be applied
            final RegionAccessException refused = assertThrows(RegionAccessException.class,
                () -> connection.write(pattern(4 * SMALL_CHUNK_BYTES, 1), forged, SMALL_CHUNK_BYTES));
            assertEquals(Refusal.OUT_OF_BOUNDS, refused.refusal());
            assertTrue(refused.getMessage().contains("registeredLengthBytes=" + registered), refused.getMessage());
            assertZeros(memory, 0, registered * 2);

            final ByteBuffer target = pattern(2 * SMALL_CHUNK_BYTES, 2);
            assertThrows(RegionAccessException.class, () -> connection.read(forged, registered - 8, target));
            assertPattern(target, 0, 2 * SMALL_CHUNK_BYTES, 2);

            connection.write(pattern(registered, 6), real, 0);
            assertPattern(memory, 0, registered, 6);
        }
    }

    @Test
    void shouldApplyNothingAfterTheRefusedOpOfABatch() {
        try (PeerConnection connection = open(SMALL_CHUNK_BYTES, 8, TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES)) {
            final int sliceBytes = 2 * SMALL_CHUNK_BYTES + 100;
            final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(3 * sliceBytes));
            final RegionDescriptor real = region.descriptor();
            final RegionDescriptor wrongKey = new RegionDescriptor(real.transportName(), real.ownerAddress(),
                real.regionId(), ~real.key(), real.baseAddress(), real.lengthBytes());

            final RegionAccessException refused = assertThrows(RegionAccessException.class,
                () -> connection.transferBatch(List.of(
                    TransferOp.write(pattern(sliceBytes, 1), real, 0),
                    TransferOp.write(pattern(sliceBytes, 2), wrongKey, sliceBytes),
                    TransferOp.write(pattern(sliceBytes, 3), real, 2L * sliceBytes))));
            assertEquals(Refusal.KEY_MISMATCH, refused.refusal());
            assertTrue(refused.getMessage().contains("opIndex=1, ops=3"), refused.getMessage());
            assertPattern(region.memory(), 0, sliceBytes, 1);
            assertZeros(region.memory(), sliceBytes, 2 * sliceBytes);

            // the link stayed in step: the next batch on it works
            connection.transferBatch(List.of(TransferOp.write(pattern(sliceBytes, 4), real, 2L * sliceBytes)));
            assertPattern(region.memory(), 2 * sliceBytes, sliceBytes, 4);
        }
    }

    @Test
    void shouldNotDeadlockOnABatchMixingLargeReadsAndWritesWithSmallSocketBuffers() {
        try (PeerConnection connection = open(SMALL_CHUNK_BYTES, 16, TcpTransportSettings.MIN_SOCKET_BUFFER_BYTES)) {
            final int opBytes = 8 * SMALL_CHUNK_BYTES;
            final RegisteredRegion region = owner.registerRegion(ByteBuffer.allocateDirect(4 * opBytes));
            region.memory().put(pattern(opBytes, 7));
            final List<TransferOp> ops = new ArrayList<>();
            final List<ByteBuffer> targets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                final ByteBuffer target = ByteBuffer.allocateDirect(opBytes);
                targets.add(target);
                ops.add(TransferOp.read(region.descriptor(), 0, target));
                ops.add(TransferOp.write(pattern(opBytes, 10 + i), region.descriptor(), (long) (i + 1) * opBytes));
            }

            connection.transferBatch(ops);
            for (int i = 0; i < 3; i++) {
                assertPattern(targets.get(i), 0, opBytes, 7);
                assertPattern(region.memory(), (i + 1) * opBytes, opBytes, 10 + i);
            }
        }
    }
}
