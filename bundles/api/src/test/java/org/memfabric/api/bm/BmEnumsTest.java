package org.memfabric.api.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class BmEnumsTest {
    @Test
    void shouldNumberCopyTypesAsTheCEnum() {
        final List<BmCopyType> inOrder = List.of(BmCopyType.L2G, BmCopyType.G2L, BmCopyType.G2H, BmCopyType.H2G,
            BmCopyType.L2GH, BmCopyType.GH2L, BmCopyType.GH2H, BmCopyType.H2GH, BmCopyType.G2G, BmCopyType.AUTO);
        for (int code = 0; code < inOrder.size(); code++) {
            assertEquals(code, inOrder.get(code).code());
            assertSame(inOrder.get(code), BmCopyType.of(code));
        }
    }

    @Test
    void shouldRejectCopyTypeCodesOutsideZeroToNine() {
        Expect.invalid(() -> BmCopyType.of(10), "copyType", "copyType=10");
        Expect.invalid(() -> BmCopyType.of(-1), "copyType=-1");
    }

    @Test
    void shouldTellWhichSideOfACopyIsGlobal() {
        final Set<BmCopyType> globalSource =
            EnumSet.of(BmCopyType.G2L, BmCopyType.G2H, BmCopyType.GH2L, BmCopyType.GH2H, BmCopyType.G2G);
        final Set<BmCopyType> globalDestination =
            EnumSet.of(BmCopyType.L2G, BmCopyType.H2G, BmCopyType.L2GH, BmCopyType.H2GH, BmCopyType.G2G);
        for (final BmCopyType t : BmCopyType.values()) {
            assertEquals(globalSource.contains(t), t.sourceIsGlobal(), t.name());
            assertEquals(globalDestination.contains(t), t.destinationIsGlobal(), t.name());
        }
        assertFalse(BmCopyType.AUTO.sourceIsGlobal());
        assertFalse(BmCopyType.AUTO.destinationIsGlobal());
    }

    @Test
    void shouldUseTheBitsOfTheCDataOpTypeEnum() {
        assertEquals(1, BmDataOpType.SDMA.bit());
        assertEquals(2, BmDataOpType.HOST_RDMA.bit());
        assertEquals(4, BmDataOpType.HOST_TCP.bit());
        assertEquals(8, BmDataOpType.DEVICE_RDMA.bit());
        assertEquals(16, BmDataOpType.HOST_URMA.bit());
    }

    @Test
    void shouldConvertDataOpTypeSetsToMasksAndBack() {
        assertEquals(0, BmDataOpType.toMask(EnumSet.noneOf(BmDataOpType.class)));
        assertEquals(31, BmDataOpType.toMask(EnumSet.allOf(BmDataOpType.class)));
        assertEquals(9, BmDataOpType.toMask(EnumSet.of(BmDataOpType.SDMA, BmDataOpType.DEVICE_RDMA)));
        assertEquals(EnumSet.of(BmDataOpType.SDMA, BmDataOpType.DEVICE_RDMA), BmDataOpType.fromMask(9));
        assertEquals(EnumSet.allOf(BmDataOpType.class), BmDataOpType.fromMask(31));
        for (final BmDataOpType t : BmDataOpType.values()) {
            assertEquals(EnumSet.of(t), BmDataOpType.fromMask(t.bit()));
        }
    }

    @Test
    void shouldRejectAnEmptyDataOpMask() {
        Expect.invalid(() -> BmDataOpType.fromMask(0), "dataOpType=0");
    }

    @Test
    void shouldRejectDataOpMasksWithUnknownBits() {
        Expect.invalid(() -> BmDataOpType.fromMask(32), "dataOpType=32");
        Expect.invalid(() -> BmDataOpType.fromMask(1 | 64), "dataOpType=65");
        Expect.invalid(() -> BmDataOpType.fromMask(-1), "dataOpType=-1");
    }

    @Test
    void shouldNumberMemoryTypesAsTheCEnum() {
        assertEquals(0, BmMemType.LOCAL_DEVICE.code());
        assertEquals(1, BmMemType.LOCAL_HOST.code());
        assertEquals(2, BmMemType.DEVICE.code());
        assertEquals(3, BmMemType.HOST.code());
        for (final BmMemType t : BmMemType.values()) {
            assertSame(t, BmMemType.of(t.code()));
        }
        Expect.invalid(() -> BmMemType.of(4), "memType=4");
        Expect.invalid(() -> BmMemType.of(-1), "memType=-1");
    }

    @Test
    void shouldKeepTheCConstantsOfTheModule() {
        assertEquals(1, BigMemory.ASYNC_COPY_FLAG);
        assertEquals(1024, BigMemoryService.WORLD_SIZE_MAX);
        assertEquals(-1, BigMemoryService.RANK_INVALID);
        assertTrue(BmConfig.RANK_UNSET > BigMemoryService.WORLD_SIZE_MAX);
    }
}
