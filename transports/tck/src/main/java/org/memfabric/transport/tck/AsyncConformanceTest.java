package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferOp;

/** Asynchronous operations complete, preserve data, and report failures through their future. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AsyncConformanceTest extends TransportTestSupport {
    private static final long WAIT_MS = 20_000;

    /** Creates the test; subclasses supply the transport. */
    protected AsyncConformanceTest() {
    }

    /**
     * An asynchronous write, then an asynchronous read, round-trip the bytes.
     *
     * @param sizeBytes the transfer size
     * @throws Exception when waiting fails
     */
    @ParameterizedTest(name = "sizeBytes={0}")
    @ValueSource(ints = {1, 4096, 1 << 20})
    public void shouldCompleteAsyncWriteAndReadPreservingData(final int sizeBytes) throws Exception {
        final RegisteredRegion region = registerOwnerRegion(sizeBytes);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            assertNull(awaitOutcome(connection.writeAsync(pattern(sizeBytes, 4), remote, 0), WAIT_MS));
            assertPattern(region.memory(), 0, sizeBytes, 4);

            final ByteBuffer back = ByteBuffer.allocateDirect(sizeBytes);
            assertNull(awaitOutcome(connection.readAsync(remote, 0, back), WAIT_MS));
            assertPattern(back, 0, sizeBytes, 4);
        }
    }

    /**
     * Many operations in flight at once all complete with their data.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldCompleteManyOpsInFlight() throws Exception {
        final int ops = 64;
        final int opBytes = 1024;
        final RegisteredRegion region = registerOwnerRegion(ops * opBytes);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection connection = connectToOwner()) {
            final List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < ops; i++) {
                writes.add(connection.writeAsync(pattern(opBytes, i), remote, (long) i * opBytes));
            }
            assertNull(awaitOutcome(CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])), WAIT_MS));
            final List<ByteBuffer> targets = new ArrayList<>();
            final List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int i = 0; i < ops; i++) {
                final ByteBuffer target = ByteBuffer.allocateDirect(opBytes);
                targets.add(target);
                reads.add(connection.readAsync(remote, (long) i * opBytes, target));
            }
            assertNull(awaitOutcome(CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])), WAIT_MS));
            for (int i = 0; i < ops; i++) {
                assertPattern(targets.get(i), 0, opBytes, i);
            }
        }
    }

    /**
     * An asynchronous batch completes once every op has taken effect.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldCompleteAnAsyncBatch() throws Exception {
        final RegisteredRegion region = registerOwnerRegion(8 * 512);
        final RegionDescriptor remote = exported(region);
        final List<TransferOp> ops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ops.add(TransferOp.write(pattern(512, 30 + i), remote, i * 512L));
        }
        try (PeerConnection connection = connectToOwner()) {
            assertNull(awaitOutcome(connection.transferBatchAsync(ops), WAIT_MS));
        }
        for (int i = 0; i < 8; i++) {
            assertPattern(region.memory(), i * 512, 512, 30 + i);
        }
    }

    /**
     * A refusal by the owner completes the future exceptionally with the typed refusal, memory untouched.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldCompleteExceptionallyWhenTheOwnerRefuses() throws Exception {
        final RegisteredRegion region = registerOwnerRegion(64);
        final RegionDescriptor real = exported(region);
        final RegionDescriptor forged = new RegionDescriptor(real.transportName(), real.ownerAddress(),
            real.regionId() + 1000, real.key(), real.baseAddress(), real.lengthBytes());
        try (PeerConnection connection = connectToOwner()) {
            final RegionAccessException failure = assertFailsWith(RegionAccessException.class,
                connection.writeAsync(pattern(64, 1), forged, 0), WAIT_MS);
            assertEquals(RegionAccessException.Refusal.UNKNOWN_REGION, failure.refusal());
        }
        assertZeros(region.memory(), 0, 64);
    }

    /** Bad input is thrown on the caller's thread, before anything is queued. */
    @Test
    public void shouldThrowBadInputSynchronously() {
        final RegionDescriptor remote = exported(registerOwnerRegion(64));
        try (PeerConnection connection = connectToOwner()) {
            assertThrows(InvalidArgumentException.class, () -> connection.writeAsync(pattern(8, 1), remote, -1));
            assertThrows(InvalidArgumentException.class,
                () -> connection.readAsync(remote, 60, ByteBuffer.allocateDirect(8)));
            assertThrows(InvalidArgumentException.class, () -> connection.transferAsync(null));
        }
    }
}
