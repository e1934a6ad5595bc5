package org.memfabric.api.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class ShmDataOpTypeTest {
    @Test
    void shouldUseTheBitsOfTheCEnum() {
        assertEquals(1, ShmDataOpType.MTE.bit());
        assertEquals(2, ShmDataOpType.SDMA.bit());
        assertEquals(4, ShmDataOpType.RDMA.bit());
    }

    @Test
    void shouldConvertSetsToMasksAndBack() {
        assertEquals(7, ShmDataOpType.toMask(EnumSet.allOf(ShmDataOpType.class)));
        assertEquals(3, ShmDataOpType.toMask(EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA)));
        assertEquals(EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA), ShmDataOpType.fromMask(3));
        assertEquals(EnumSet.of(ShmDataOpType.RDMA), ShmDataOpType.fromMask(4));
        assertEquals(EnumSet.allOf(ShmDataOpType.class), ShmDataOpType.fromMask(7));
    }

    @Test
    void shouldMapAZeroReachMaskToTheEmptySet() {
        assertTrue(ShmDataOpType.fromMask(0).isEmpty());
        assertEquals(0, ShmDataOpType.toMask(EnumSet.noneOf(ShmDataOpType.class)));
    }

    @Test
    void shouldRejectMasksWithUnknownBits() {
        Expect.invalid(() -> ShmDataOpType.fromMask(8), "dataOpType=8");
        Expect.invalid(() -> ShmDataOpType.fromMask(1 | 16), "dataOpType=17");
        Expect.invalid(() -> ShmDataOpType.fromMask(-1), "dataOpType=-1");
    }

    @Test
    void shouldKeepTheLimitsOfTheModule() {
        assertEquals(63, ShareMemoryService.ID_MAX);
        assertEquals(65536, ShareMemory.EXTRA_CONTEXT_MAX);
        assertEquals(65536, ShareMemory.ALLGATHER_MAX);
    }
}
