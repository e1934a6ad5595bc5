package org.memfabric.api.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class ShmConfigTest {
    @Test
    void shouldCarryTheDocumentedDefaults() {
        final ShmConfig c = new ShmConfig();
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(Duration.ofSeconds(120), c.createTimeout());
        assertEquals(Duration.ofSeconds(120), c.controlOperationTimeout());
        assertTrue(c.startConfigStoreServer());
        assertEquals(0, c.flags());
        assertFalse(c.storeTls().enabled());
        assertEquals(0xFFFF_FFFFL, ShmConfig.TIMEOUT_MAX_SECONDS);
    }

    @Test
    void shouldRejectTimeoutsBelowOneSecondNamingTheField() {
        final ShmConfig c = new ShmConfig();
        Expect.invalid(() -> c.initTimeout(Duration.ofMillis(500)), "initTimeout", "initTimeout=500ms");
        Expect.invalid(() -> c.createTimeout(Duration.ZERO), "createTimeout=0ms");
        Expect.invalid(() -> c.controlOperationTimeout(Duration.ofSeconds(-1)), "controlOperationTimeout=-1000ms");
        Expect.invalid(() -> c.controlOperationTimeout(Duration.ofSeconds(ShmConfig.TIMEOUT_MAX_SECONDS + 1)),
            "controlOperationTimeout");
        Expect.invalid(() -> c.storeTls(null), "storeTls=null");
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(Duration.ofSeconds(120), c.createTimeout());
        assertEquals(Duration.ofSeconds(120), c.controlOperationTimeout());
    }

    @Test
    void shouldKeepValidSettings() {
        final ShmConfig c = new ShmConfig().initTimeout(Duration.ofSeconds(1)).createTimeout(Duration.ofSeconds(2))
            .controlOperationTimeout(Duration.ofSeconds(3)).startConfigStoreServer(false).flags(9);
        assertEquals(Duration.ofSeconds(1), c.initTimeout());
        assertEquals(Duration.ofSeconds(2), c.createTimeout());
        assertEquals(Duration.ofSeconds(3), c.controlOperationTimeout());
        assertFalse(c.startConfigStoreServer());
        assertEquals(9, c.flags());
    }
}
