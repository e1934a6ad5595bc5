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
        assertFalse(o.tls().enabled());
        assertFalse(o.autoRanking());
        assertEquals(Duration.ofSeconds(2), o.heartbeatInterval());
    }

    @Test
    void shouldRejectRanksAndWorldSizesOutOfRange() {
        Expect.invalid(() -> new StoreClientOptions().rank(1024), "rank=1024");
        Expect.invalid(() -> new StoreClientOptions().rank(-2), "rank=-2");
        Expect.invalid(() -> new StoreClientOptions().worldSize(1025), "worldSize=1025");
        Expect.invalid(() -> new StoreClientOptions().requestTimeout(Duration.ZERO), "requestTimeout=0ms");
        Expect.invalid(() -> new StoreClientOptions().heartbeatInterval(Duration.ofMillis(-1)), "heartbeatInterval=-1ms");
        Expect.invalid(() -> new StoreClientOptions().tls(null), "tls");
        assertEquals(-1, new StoreClientOptions().rank(5).rank(-1).rank());
        assertEquals(1023, new StoreClientOptions().rank(1023).rank());
    }

    @Test
    void serverOptionsShouldKeepDataByDefaultAndRejectBadBounds() {
        final StoreServerOptions o = new StoreServerOptions();
        assertEquals(LastRankPolicy.KEEP, o.lastRankPolicy());
        assertEquals(0, o.worldSize());
        assertFalse(o.tls().enabled());
        Expect.invalid(() -> new StoreServerOptions().worldSize(1025), "worldSize=1025");
        Expect.invalid(() -> new StoreServerOptions().heartbeatTimeout(Duration.ofMillis(5)), "heartbeatTimeout=5ms");
        Expect.invalid(() -> new StoreServerOptions().maxLinks(0), "maxLinks=0");
        Expect.invalid(() -> new StoreServerOptions().lastRankPolicy(null), "lastRankPolicy");
    }
}
