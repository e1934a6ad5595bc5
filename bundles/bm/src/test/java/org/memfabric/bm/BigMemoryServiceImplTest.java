package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.ServiceLoader;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabric;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmDataOpType;
import org.junit.jupiter.api.Test;

class BigMemoryServiceImplTest {
    private final BigMemoryServiceImpl bm = new BigMemoryServiceImpl();

    @Test
    void shouldRejectWorldSizeZeroWithInvalidParamBeforeAnythingElse() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> bm.init("tcp://127.0.0.1:5124", 0, 0, new BmConfig()));
        assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
        assertTrue(e.getMessage().contains("worldSize=0"), e.getMessage());
        assertEquals(e.getMessage(), LastError.get());
    }

    @Test
    void shouldRejectBadStoreUrlNamingIt() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> bm.init("http://127.0.0.1:5124", 2, 0, new BmConfig().rankId(0)));
        assertTrue(e.getMessage().contains("url=http://127.0.0.1:5124"), e.getMessage());
    }

    @Test
    void shouldRejectUnifiedAddressSpaceFalse() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> bm.init("tcp://127.0.0.1:5124", 2, 0, new BmConfig().rankId(0).unifiedAddressSpace(false)));
        assertTrue(e.getMessage().contains("unifiedAddressSpace"), e.getMessage());
    }

    @Test
    void shouldRejectSizesThatAreNotMultiplesOf2MiB() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> bm.create(1, 2, EnumSet.of(BmDataOpType.HOST_TCP), 3L << 20, 0, 0));
        assertTrue(e.getMessage().contains("localDRAMSize=3145728"), e.getMessage());
    }

    @Test
    void shouldRejectCreateBeforeInitWithNotInitialized() {
        final NotInitializedException e = assertThrows(NotInitializedException.class,
            () -> bm.create(1, 2, EnumSet.of(BmDataOpType.HOST_TCP), 2L << 20, 0, 0));
        assertEquals(-2008, e.code());
    }

    @Test
    void shouldBeSafeToUninitWithoutInit() {
        bm.uninit(0);
        assertFalse(bm.isInitialized());
    }

    @Test
    void shouldBeFoundByServiceLoaderAndTheFacadeOutsideOsgi() {
        assertTrue(ServiceLoader.load(BigMemoryService.class).findFirst().isPresent());
        assertTrue(MemFabric.bigMemory() instanceof BigMemoryServiceImpl);
    }
}
