package org.memfabric.api.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;
import org.memfabric.api.bm.BmDataOpType;

class TransConfigTest {
    @Test
    void shouldCarryTheDocumentedDefaults() {
        final TransConfig c = new TransConfig();
        assertSame(TransRole.BOTH, c.role());
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(Duration.ofSeconds(30), c.operationTimeout());
        assertEquals(TransConfig.NO_DEVICE, c.deviceId());
        assertEquals(-1, c.deviceId());
        assertEquals(0, c.flags());
        assertEquals(EnumSet.of(BmDataOpType.SDMA, BmDataOpType.HOST_TCP), c.dataOpTypes());
        assertFalse(c.startConfigServer());
    }

    @Test
    void shouldRejectTimeoutsBelowOneSecondNamingTheField() {
        final TransConfig c = new TransConfig();
        Expect.invalid(() -> c.initTimeout(Duration.ofMillis(1)), "initTimeout", "initTimeout=1ms");
        Expect.invalid(() -> c.operationTimeout(Duration.ZERO), "operationTimeout", "operationTimeout=0ms");
        assertEquals(Duration.ofSeconds(120), c.initTimeout());
        assertEquals(Duration.ofSeconds(30), c.operationTimeout());
    }

    @Test
    void shouldRejectDeviceIdsBelowNoDevice() {
        Expect.invalid(() -> new TransConfig().deviceId(-2), "deviceId", "deviceId=-2");
        assertEquals(7, new TransConfig().deviceId(7).deviceId());
        assertEquals(-1, new TransConfig().deviceId(7).deviceId(-1).deviceId());
    }

    @Test
    void shouldRejectAnEmptyOrNullRoleAndDataOpSet() {
        Expect.invalid(() -> new TransConfig().role(null), "role=null");
        Expect.invalid(() -> new TransConfig().dataOpTypes(EnumSet.noneOf(BmDataOpType.class)), "dataOpTypes=[]");
        Expect.invalid(() -> new TransConfig().dataOpTypes(null), "dataOpTypes=null");
    }

    @Test
    void shouldCopyTheDataOpSetInAndOut() {
        final Set<BmDataOpType> given = EnumSet.of(BmDataOpType.HOST_RDMA);
        final TransConfig c = new TransConfig().dataOpTypes(given);
        given.add(BmDataOpType.HOST_URMA);
        assertEquals(EnumSet.of(BmDataOpType.HOST_RDMA), c.dataOpTypes());
        c.dataOpTypes().add(BmDataOpType.SDMA);
        assertEquals(EnumSet.of(BmDataOpType.HOST_RDMA), c.dataOpTypes());
        assertEquals(EnumSet.of(BmDataOpType.HOST_TCP), new TransConfig().dataOpTypes(Set.of(BmDataOpType.HOST_TCP))
            .dataOpTypes());
    }

    @Test
    void shouldKeepValidSettings() {
        final TransConfig c = new TransConfig().role(TransRole.SENDER).initTimeout(Duration.ofSeconds(1))
            .operationTimeout(Duration.ofSeconds(2)).flags(4).startConfigServer(true);
        assertSame(TransRole.SENDER, c.role());
        assertEquals(Duration.ofSeconds(1), c.initTimeout());
        assertEquals(Duration.ofSeconds(2), c.operationTimeout());
        assertEquals(4, c.flags());
        assertTrue(c.startConfigServer());
    }
}
