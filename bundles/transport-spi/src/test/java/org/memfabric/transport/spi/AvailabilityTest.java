package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.memfabric.api.NotSupportedException;

class AvailabilityTest {
    @Test
    void shouldKeepTheCauseWhenTheProbeFailsWithALinkageError() {
        final UnsatisfiedLinkError missing = new UnsatisfiedLinkError("libibverbs.so: cannot open shared object");

        final Availability availability = Availability.probe("libibverbs", () -> {
            throw missing;
        });

        assertFalse(availability.isAvailable());
        assertSame(missing, availability.cause().orElseThrow());
        assertEquals("libibverbs not available: java.lang.UnsatisfiedLinkError: libibverbs.so: cannot open shared "
            + "object", availability.reason());
    }

    @Test
    void shouldRunTheProbeExactlyOnce() {
        final AtomicInteger runs = new AtomicInteger();

        final Availability availability = Availability.probe("counter", runs::incrementAndGet);

        assertTrue(availability.isAvailable());
        assertEquals("", availability.reason());
        assertTrue(availability.cause().isEmpty());
        assertEquals(1, runs.get());
    }

    @Test
    void shouldThrowNotSupportedWithReasonAndSuppressedCauseWhenEnsured() {
        final IllegalStateException cause = new IllegalStateException("no device");
        final Availability availability = Availability.unavailable("no RDMA device: devices=0", cause);

        final NotSupportedException failure =
            assertThrows(NotSupportedException.class, () -> availability.ensureAvailable("rdma"));

        assertEquals("transport not available: transport=rdma, reason=no RDMA device: devices=0",
            failure.getMessage());
        assertSame(cause, failure.getCause());
    }

    @Test
    void shouldNotThrowWhenAvailableIsEnsured() {
        Availability.available().ensureAvailable("local");
    }

    @Test
    void shouldLetVirtualMachineErrorsPass() {
        assertThrows(OutOfMemoryError.class, () -> Availability.probe("oom", () -> {
            throw new OutOfMemoryError("test");
        }));
    }
}
