package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.memfabric.transport.spi.Availability;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * Base of the TCK test classes that need a working transport: builds the transport under test, skips with its
 * reason when it is unavailable, and opens two endpoints, the region {@link #owner} and the {@link #requester}.
 * Descriptors always travel through bytes, as they would through the config store.
 *
 * <p>Every test inherits a hard timeout; tests that wait say their own, shorter one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportTestSupport {
    /** The transport under test, built by {@link #newTransport()} for each test. */
    protected Transport transport;
    /** The endpoint that registers regions (rank 0). */
    protected TransportEndpoint owner;
    /** The endpoint that connects to the owner and moves bytes (rank 1). */
    protected TransportEndpoint requester;

    /** Creates the support; subclasses supply the transport. */
    protected TransportTestSupport() {
    }

    /**
     * Builds a new transport under test; called once per test.
     *
     * @return the transport
     */
    protected abstract Transport newTransport();

    /**
     * Disposes of a transport after a test; closes it when it is {@link AutoCloseable}.
     *
     * @param disposed the transport
     * @throws Exception when closing fails
     */
    protected void disposeTransport(final Transport disposed) throws Exception {
        if (disposed instanceof AutoCloseable) {
            ((AutoCloseable) disposed).close();
        }
    }

    /**
     * The configuration of a test endpoint; override to add transport options (a bind address, a device).
     *
     * @param participant the participant name
     * @param rank the rank
     * @return the configuration
     */
    protected EndpointConfig endpointConfig(final String participant, final int rank) {
        return EndpointConfig.builder(participant).rank(rank).operationTimeoutMs(10_000).build();
    }

    /** Builds the transport, skips when unavailable, opens the owner and requester endpoints. */
    @BeforeEach
    protected final void openEndpoints() {
        transport = newTransport();
        final Availability availability = transport.availability();
        assumeTrue(availability.isAvailable(), () -> "transport not available on this host: transport="
            + transport.name() + ", reason=" + availability.reason());
        owner = transport.open(endpointConfig("tck-owner", 0));
        requester = transport.open(endpointConfig("tck-requester", 1));
    }

    /**
     * Closes both endpoints and disposes of the transport.
     *
     * @throws Exception when disposing fails
     */
    @AfterEach
    protected final void closeEndpoints() throws Exception {
        if (requester != null) {
            requester.close();
        }
        if (owner != null) {
            owner.close();
        }
        if (transport != null) {
            disposeTransport(transport);
        }
    }

    /**
     * Allocates zero-filled memory that the transport under test can register as a region. The default is a plain
     * direct buffer; transports that can only export memory they can share (for example a same-host transport that
     * needs a memfd-backed segment) override this.
     *
     * @param sizeBytes the size, positive
     * @return a direct buffer, position 0, limit and capacity {@code sizeBytes}
     */
    protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
        return ByteBuffer.allocateDirect(sizeBytes);
    }

    /**
     * Registers a zero-filled direct region of the owner.
     *
     * @param sizeBytes the size
     * @return the region
     */
    protected final RegisteredRegion registerOwnerRegion(final int sizeBytes) {
        return owner.registerRegion(allocateRegionMemory(sizeBytes));
    }

    /**
     * Connects the requester to the owner, the owner's descriptor travelling through bytes.
     *
     * @return the connection
     */
    protected final PeerConnection connectToOwner() {
        return requester.connect(PeerDescriptor.fromBytes(owner.descriptor().toBytes()));
    }

    /**
     * A region's descriptor as a peer sees it: exported to bytes and read back.
     *
     * @param region the region
     * @return the descriptor
     */
    protected static RegionDescriptor exported(final RegisteredRegion region) {
        return RegionDescriptor.fromBytes(region.descriptor().toBytes());
    }

    /**
     * The byte of the test pattern at an index: differs for neighbouring indices and for different seeds.
     *
     * @param index the index
     * @param seed the seed
     * @return the byte
     */
    protected static byte patternByte(final int index, final int seed) {
        return (byte) (index * 31 + seed * 7 + (index >>> 8) + 1);
    }

    /**
     * A direct buffer of {@code sizeBytes} holding the pattern of {@code seed}, position 0, limit its size.
     *
     * @param sizeBytes the size
     * @param seed the seed
     * @return the buffer
     */
    protected static ByteBuffer pattern(final int sizeBytes, final int seed) {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(sizeBytes);
        for (int i = 0; i < sizeBytes; i++) {
            buffer.put(i, patternByte(i, seed));
        }
        return buffer;
    }

    /**
     * Asserts that {@code actual[from .. from+length)}, indexed up to its capacity, holds the pattern of
     * {@code seed} starting at pattern index 0.
     *
     * @param actual the buffer, read with absolute indices
     * @param from the first index
     * @param length the number of bytes
     * @param seed the seed
     */
    protected static void assertPattern(final ByteBuffer actual, final int from, final int length, final int seed) {
        final ByteBuffer all = actual.duplicate().clear();
        for (int i = 0; i < length; i++) {
            if (all.get(from + i) != patternByte(i, seed)) {
                fail("pattern mismatch: index=" + (from + i) + ", expected=" + patternByte(i, seed) + ", actual="
                    + all.get(from + i) + ", seed=" + seed);
            }
        }
    }

    /**
     * Asserts that {@code actual[from .. from+length)}, indexed up to its capacity, is all zero.
     *
     * @param actual the buffer
     * @param from the first index
     * @param length the number of bytes
     */
    protected static void assertZeros(final ByteBuffer actual, final int from, final int length) {
        final ByteBuffer all = actual.duplicate().clear();
        for (int i = from; i < from + length; i++) {
            if (all.get(i) != 0) {
                fail("byte outside the transferred range changed: index=" + i + ", value=" + all.get(i));
            }
        }
    }

    /**
     * A copy of a buffer's bytes from index 0 to its capacity.
     *
     * @param buffer the buffer
     * @return the bytes
     */
    protected static byte[] snapshot(final ByteBuffer buffer) {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }

    /**
     * Asserts the buffer still holds the snapshot's bytes.
     *
     * @param expected the snapshot
     * @param actual the buffer
     */
    protected static void assertUnchanged(final byte[] expected, final ByteBuffer actual) {
        final byte[] now = snapshot(actual);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], now[i], "memory changed where nothing may touch it: index=" + i);
        }
    }

    /**
     * Waits for a future to complete, at most {@code timeoutMs}, and fails the test when it hangs.
     *
     * @param future the future
     * @param timeoutMs the bound in milliseconds
     * @return the failure the future completed with, or null when it completed normally
     * @throws InterruptedException when interrupted
     */
    protected static Throwable awaitOutcome(final CompletableFuture<?> future, final long timeoutMs)
        throws InterruptedException {
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (final ExecutionException e) {
            return e.getCause();
        } catch (final TimeoutException e) {
            throw new AssertionError("asynchronous transfer did not complete within timeoutMs=" + timeoutMs, e);
        }
    }

    /**
     * Asserts that a future completes exceptionally with a failure of the given type within {@code timeoutMs}.
     *
     * @param type the expected type
     * @param future the future
     * @param timeoutMs the bound in milliseconds
     * @param <T> the expected type
     * @return the failure
     * @throws InterruptedException when interrupted
     */
    protected static <T extends Throwable> T assertFailsWith(final Class<T> type, final CompletableFuture<?> future,
        final long timeoutMs) throws InterruptedException {
        final Throwable failure = awaitOutcome(future, timeoutMs);
        if (failure == null) {
            throw new AssertionError("expected the transfer to fail with " + type.getName() + " but it completed");
        }
        if (!type.isInstance(failure)) {
            throw new AssertionError("expected " + type.getName() + " but got " + failure, failure);
        }
        return type.cast(failure);
    }
}
