package org.memfabric.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class StoreClientOptionsTest {
    @Test
    void shouldStartWithoutRankOrWorldSize() {
        final StoreClientOptions o = new StoreClientOptions();
        assertEquals(StoreClientOptions.NO_RANK, o.rank());
        assertEquals(0, o.worldSize());
        assertEquals(Duration.ofSeconds(120), o.requestTimeout());
        assertEquals(Duration.ofSeconds(60), o.connectTimeout());
        assertFalse(o.tlsEnabled());
    }

    @Test
    void shouldRejectRanksAndWorldSizesOutOfRange() {
        Expect.invalid(() -> new StoreClientOptions().rank(1024), "rank=1024");
        Expect.invalid(() -> new StoreClientOptions().rank(-2), "rank=-2");
        Expect.invalid(() -> new StoreClientOptions().worldSize(1025), "worldSize=1025");
        Expect.invalid(() -> new StoreClientOptions().requestTimeout(Duration.ofMillis(10)), "requestTimeout=10ms");
        assertEquals(-1, new StoreClientOptions().rank(5).rank(-1).rank());
        assertEquals(1023, new StoreClientOptions().rank(1023).rank());
    }
}
