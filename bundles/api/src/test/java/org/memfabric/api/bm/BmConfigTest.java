package org.memfabric.api.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;
import org.memfabric.api.tls.TlsOption;

class BmConfigTest {
    @Test
    void shouldCarryTheDocumentedDefaults() {
        final BmConfig c = new BmConfig();
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(Duration.ofSeconds(120), c.createTimeout());
        assertEquals(Duration.ofSeconds(120), c.controlOperationTimeout());
        assertTrue(c.startConfigStoreServer());
        assertFalse(c.startConfigStoreOnly());
        assertFalse(c.dynamicWorldSize());
        assertTrue(c.unifiedAddressSpace());
        assertFalse(c.autoRanking());
        assertEquals(65535, c.rankId());
        assertEquals(BmConfig.RANK_UNSET, c.rankId());
        assertEquals(0, c.flags());
        assertEquals("", c.nicUrl());
        assertFalse(c.storeTls().enabled());
        assertFalse(c.hcomTls().enabled());
        assertEquals(0xFFFF_FFFFL, BmConfig.TIMEOUT_MAX_SECONDS);
    }

    @Test
    void shouldGiveTheSameDefaultsThroughConfigInit() {
        final BmConfig c = new BigMemoryServiceDefaults().configInit();
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(65535, c.rankId());
    }

    @Test
    void shouldAcceptTimeoutsFromOneSecondToTheMaximum() {
        final BmConfig c = new BmConfig().initTimeout(Duration.ofSeconds(1))
            .createTimeout(Duration.ofSeconds(BmConfig.TIMEOUT_MAX_SECONDS)).controlOperationTimeout(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), c.initTimeout());
        assertEquals(Duration.ofSeconds(BmConfig.TIMEOUT_MAX_SECONDS), c.createTimeout());
        assertEquals(Duration.ofSeconds(5), c.controlOperationTimeout());
    }

    @Test
    void shouldRejectTimeoutsBelowOneSecondNamingTheField() {
        final BmConfig c = new BmConfig();
        Expect.invalid(() -> c.initTimeout(Duration.ofMillis(999)), "initTimeout", "initTimeout=999ms");
        Expect.invalid(() -> c.createTimeout(Duration.ZERO), "createTimeout", "createTimeout=0ms");
        Expect.invalid(() -> c.controlOperationTimeout(Duration.ofSeconds(-3)), "controlOperationTimeout",
            "controlOperationTimeout=-3000ms");
        Expect.invalid(() -> c.initTimeout(null), "initTimeout=null");
        assertEquals(Duration.ofSeconds(120), c.initTimeout(), "a rejected value must not be stored");
        assertEquals(Duration.ofSeconds(120), c.createTimeout());
        assertEquals(Duration.ofSeconds(120), c.controlOperationTimeout());
    }

    @Test
    void shouldRejectTimeoutsAboveTheMaximum() {
        Expect.invalid(() -> new BmConfig().initTimeout(Duration.ofSeconds(BmConfig.TIMEOUT_MAX_SECONDS + 1)),
            "initTimeout", "4294967295");
    }

    @Test
    void shouldRejectRankIdsOutsideZeroTo65535() {
        final BmConfig c = new BmConfig().rankId(3);
        Expect.invalid(() -> c.rankId(-1), "rankId", "rankId=-1");
        Expect.invalid(() -> c.rankId(65536), "rankId=65536");
        assertEquals(3, c.rankId());
        assertEquals(0, new BmConfig().rankId(0).rankId());
    }

    @Test
    void shouldRejectNicUrlsLongerThan63Characters() {
        assertEquals("tcp://10.0.0.1:10005", new BmConfig().nicUrl("tcp://10.0.0.1:10005").nicUrl());
        final String ok = "x".repeat(63);
        assertEquals(ok, new BmConfig().nicUrl(ok).nicUrl());
        Expect.invalid(() -> new BmConfig().nicUrl("x".repeat(64)), "nicUrl length", "=64");
        Expect.invalid(() -> new BmConfig().nicUrl(null), "nicUrl=null");
    }

    @Test
    void shouldRejectWorldSizesOutsideOneTo1024() {
        final BmConfig c = new BmConfig().rankId(0);
        Expect.invalid(() -> c.validateFor(0), "worldSize must be 1..1024: worldSize=0");
        Expect.invalid(() -> c.validateFor(1025), "worldSize=1025");
        assertSame(c, c.validateFor(1));
        assertSame(c, c.validateFor(1024));
    }

    @Test
    void shouldRejectANonUnifiedAddressSpace() {
        Expect.invalid(() -> new BmConfig().rankId(0).unifiedAddressSpace(false).validateFor(2),
            "unifiedAddressSpace", "unifiedAddressSpace=false");
    }

    @Test
    void shouldRejectARankIdNotBelowTheWorldSizeWithoutAutoRanking() {
        Expect.invalid(() -> new BmConfig().rankId(2).validateFor(2), "rankId=2", "worldSize=2");
        Expect.invalid(() -> new BmConfig().validateFor(8), "rankId=65535", "worldSize=8");
        new BmConfig().rankId(1).validateFor(2);
    }

    @Test
    void shouldIgnoreTheRankIdWhenAutoRankingIsOn() {
        final BmConfig c = new BmConfig().autoRanking(true);
        assertSame(c, c.validateFor(2));
    }

    @Test
    void shouldRejectAnEnabledStoreTlsOptionWithoutFilesAtValidation() {
        final BmConfig c = new BmConfig().rankId(0).storeTls(new TlsOption().enabled(true));
        Expect.invalid(() -> c.validateFor(1), "caFile=null");
        final BmConfig h = new BmConfig().rankId(0).hcomTls(new TlsOption().enabled(true)
            .caFile(Paths.get("/ca.pem")).certFile(Paths.get("/c.pem")));
        Expect.invalid(() -> h.validateFor(1), "keyFile=null");
        Expect.invalid(() -> new BmConfig().storeTls(null), "storeTls=null");
        Expect.invalid(() -> new BmConfig().hcomTls(null), "hcomTls=null");
    }

    @Test
    void shouldKeepFlagAndBooleanSetters() {
        final BmConfig c = new BmConfig().startConfigStoreServer(false).startConfigStoreOnly(true)
            .dynamicWorldSize(true).autoRanking(true).flags(0x80);
        assertFalse(c.startConfigStoreServer());
        assertTrue(c.startConfigStoreOnly());
        assertTrue(c.dynamicWorldSize());
        assertTrue(c.autoRanking());
        assertEquals(0x80, c.flags());
    }

    @Test
    void shouldCopyEveryFieldIntoAnIndependentConfiguration() {
        final TlsOption tls = new TlsOption();
        final BmConfig original = new BmConfig().initTimeout(Duration.ofSeconds(7)).createTimeout(Duration.ofSeconds(8))
            .controlOperationTimeout(Duration.ofSeconds(9)).startConfigStoreServer(false).startConfigStoreOnly(true)
            .dynamicWorldSize(true).unifiedAddressSpace(false).autoRanking(true).rankId(4).flags(3)
            .nicUrl("tcp://10.0.0.0/24:10005").storeTls(tls).hcomTls(tls);
        final BmConfig copy = original.copy();
        assertNotSame(original, copy);
        assertEquals(Duration.ofSeconds(7), copy.initTimeout());
        assertEquals(Duration.ofSeconds(8), copy.createTimeout());
        assertEquals(Duration.ofSeconds(9), copy.controlOperationTimeout());
        assertFalse(copy.startConfigStoreServer());
        assertTrue(copy.startConfigStoreOnly());
        assertTrue(copy.dynamicWorldSize());
        assertFalse(copy.unifiedAddressSpace());
        assertTrue(copy.autoRanking());
        assertEquals(4, copy.rankId());
        assertEquals(3, copy.flags());
        assertEquals("tcp://10.0.0.0/24:10005", copy.nicUrl());
        assertSame(tls, copy.storeTls());
        assertSame(tls, copy.hcomTls());
        copy.rankId(5);
        assertEquals(4, original.rankId());
    }

    /** Only the default method of the interface is used; every other method is outside these tests. */
    private static final class BigMemoryServiceDefaults implements BigMemoryService {
        @Override
        public void init(final String storeUrl, final int worldSize, final int deviceId, final BmConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void uninit(final int flags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isInitialized() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int rankId() {
            return RANK_INVALID;
        }

        @Override
        public BigMemory create(final int id, final int memberSize, final java.util.Set<BmDataOpType> dataOpTypes,
            final long localDramSize, final long localHbmSize, final int flags) {
            throw new UnsupportedOperationException();
        }
    }
}
