package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegisteredRegion;

/** The owner's checks, without any socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpRegionTableTest {
    private static final int INCARNATION = 0x1234_5678;

    private final TcpRegionTable table = new TcpRegionTable(EndpointAddress.ofText("127.0.0.1:1"), INCARNATION);

    @Test
    void shouldAdmitARangeInsideTheRegionAndExposeOnlyIt() throws TcpRefusal {
        final RegisteredRegion handle = table.register(ByteBuffer.allocateDirect(100).position(10).limit(90));
        assertEquals(80, handle.lengthBytes());
        assertEquals((long) INCARNATION << 32 | 1, handle.regionId());

        final TcpRegion region = table.admit(handle.regionId(), handle.descriptor().key(), 70, 10, 80);
        try {
            final ByteBuffer view = region.view(70, 10);
            assertEquals(70, view.position());
            assertEquals(80, view.limit());
        } finally {
            region.endAccess();
        }
    }

    @Test
    void shouldRefuseUnknownIdsWrongKeysAndOutOfBoundsRanges() {
        final RegisteredRegion handle = table.register(ByteBuffer.allocateDirect(100));
        final long id = handle.regionId();
        final long key = handle.descriptor().key();

        assertRefused(Refusal.UNKNOWN_REGION, "region not registered: ", () -> table.admit(id + 1, key, 0, 1, 1));
        assertRefused(Refusal.UNKNOWN_REGION, "region not registered, its id is from another incarnation",
            () -> table.admit(id ^ (1L << 40), key, 0, 1, 1));
        assertRefused(Refusal.KEY_MISMATCH, "region access key does not match", () -> table.admit(id, ~key, 0, 1, 1));
        assertRefused(Refusal.OUT_OF_BOUNDS, "range outside", () -> table.admit(id, key, 95, 10, 105));
        assertRefused(Refusal.OUT_OF_BOUNDS, "range outside", () -> table.admit(id, key, -1, 1, 0));
        assertRefused(Refusal.OUT_OF_BOUNDS, "range outside", () -> table.admit(id, key, Long.MAX_VALUE, 1, 0));
        assertRefused(Refusal.OUT_OF_BOUNDS, "range outside the registered region: chunkOffset=0, chunkBytes=10, "
            + "opEndOffset=101, registeredLengthBytes=100", () -> table.admit(id, key, 0, 10, 101));
    }

    @Test
    void shouldRefuseADeregisteredRegionAndNotRevalidateItByReRegistering() {
        final ByteBuffer memory = ByteBuffer.allocateDirect(64);
        final RegisteredRegion first = table.register(memory);
        table.deregister(first);
        assertFalse(table.contains(first));
        assertThrows(ObjectNotFoundException.class, () -> table.deregister(first));
        final RegisteredRegion second = table.register(memory);

        assertTrue(second.regionId() != first.regionId());
        assertRefused(Refusal.UNKNOWN_REGION, "region not registered",
            () -> table.admit(first.regionId(), first.descriptor().key(), 0, 1, 1));
    }

    @Test
    void shouldMakeDeregistrationWaitForAChunkInProgress() throws Exception {
        final RegisteredRegion handle = table.register(ByteBuffer.allocateDirect(64));
        final TcpRegion inProgress = table.admit(handle.regionId(), handle.descriptor().key(), 0, 64, 64);
        final CompletableFuture<Void> deregistration = CompletableFuture.runAsync(() -> table.deregister(handle));

        assertThrows(TimeoutException.class, () -> deregistration.get(200, TimeUnit.MILLISECONDS));
        inProgress.endAccess();
        deregistration.get(10, TimeUnit.SECONDS);
        assertRefused(Refusal.UNKNOWN_REGION, "region not registered",
            () -> table.admit(handle.regionId(), handle.descriptor().key(), 0, 1, 1));
    }

    /** An admission that is expected to fail. */
    @FunctionalInterface
    private interface Admission {
        TcpRegion admit() throws TcpRefusal;
    }

    private static void assertRefused(final Refusal expected, final String messageStart, final Admission admission) {
        final TcpRefusal refusal = assertThrows(TcpRefusal.class, admission::admit);
        assertEquals(expected, refusal.refusal());
        assertTrue(refusal.getMessage().startsWith(messageStart), refusal.getMessage());
    }
}
