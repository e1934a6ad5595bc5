package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/** Several threads transfer at once, through one shared connection or one connection each, without losing data. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConcurrencyConformanceTest extends TransportTestSupport {
    private static final int THREADS = 4;
    private static final int SLICE_BYTES = 64 * 1024;
    private static final int ROUNDS = 25;
    private static final long WAIT_MS = 45_000;

    /** Creates the test; subclasses supply the transport. */
    protected ConcurrencyConformanceTest() {
    }

    /**
     * Concurrent writers to disjoint slices each leave their last write; concurrent readers see it.
     *
     * @param sharedConnection whether all threads share one connection
     * @throws Exception when waiting fails
     */
    @ParameterizedTest(name = "sharedConnection={0}")
    @ValueSource(booleans = {true, false})
    public void shouldKeepTheDataOfConcurrentWritersToDisjointSlices(final boolean sharedConnection)
        throws Exception {
        final RegisteredRegion region = registerOwnerRegion(THREADS * SLICE_BYTES);
        final RegionDescriptor remote = exported(region);
        try (PeerConnection shared = connectToOwner()) {
            final List<Throwable> writers = Concurrently.run(THREADS, WAIT_MS, worker -> {
                final PeerConnection connection = sharedConnection ? shared : connectToOwner();
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        connection.write(pattern(SLICE_BYTES, worker * 100 + round), remote,
                            (long) worker * SLICE_BYTES);
                    }
                } finally {
                    if (!sharedConnection) {
                        connection.close();
                    }
                }
            });
            writers.forEach(failure -> assertNull(failure, () -> "writer failed: " + failure));
            for (int worker = 0; worker < THREADS; worker++) {
                assertPattern(region.memory(), worker * SLICE_BYTES, SLICE_BYTES, worker * 100 + ROUNDS - 1);
            }

            final List<Throwable> readers = Concurrently.run(THREADS, WAIT_MS, worker -> {
                for (int round = 0; round < ROUNDS; round++) {
                    final int slice = (worker + round) % THREADS;
                    final ByteBuffer target = ByteBuffer.allocateDirect(SLICE_BYTES);
                    shared.read(remote, (long) slice * SLICE_BYTES, target);
                    assertPattern(target, 0, SLICE_BYTES, slice * 100 + ROUNDS - 1);
                }
            });
            readers.forEach(failure -> assertNull(failure, () -> "reader failed: " + failure));
        }
    }

    /**
     * Registering and deregistering other regions while transfers run disturbs none of them.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldTransferWhileOtherRegionsComeAndGo() throws Exception {
        final RegisteredRegion stable = registerOwnerRegion(THREADS * SLICE_BYTES);
        final RegionDescriptor remote = exported(stable);
        try (PeerConnection connection = connectToOwner()) {
            final List<Throwable> outcomes = Concurrently.run(THREADS + 1, WAIT_MS, worker -> {
                if (worker == THREADS) {
                    for (int round = 0; round < ROUNDS * 4; round++) {
                        owner.deregisterRegion(registerOwnerRegion(4096));
                    }
                    return;
                }
                for (int round = 0; round < ROUNDS; round++) {
                    connection.write(pattern(SLICE_BYTES, worker), remote, (long) worker * SLICE_BYTES);
                }
            });
            outcomes.forEach(failure -> assertNull(failure, () -> "worker failed: " + failure));
        }
        for (int worker = 0; worker < THREADS; worker++) {
            assertPattern(stable.memory(), worker * SLICE_BYTES, SLICE_BYTES, worker);
        }
    }
}
