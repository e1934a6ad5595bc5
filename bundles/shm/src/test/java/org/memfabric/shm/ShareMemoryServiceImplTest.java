package org.memfabric.shm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.junit.jupiter.api.Test;

class ShareMemoryServiceImplTest {
    private final ShareMemoryServiceImpl shm = new ShareMemoryServiceImpl();

    @Test
    void shouldRejectIdAbove63() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> shm.create(64, 2, 0, 2L << 20, EnumSet.of(ShmDataOpType.MTE), 0));
        assertTrue(e.getMessage().contains("id=64"), e.getMessage());
    }

    @Test
    void shouldRejectRankIdNotBelowWorldSize() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> shm.init("tcp://127.0.0.1:5124", 2, 2, 0, new ShmConfig()));
        assertTrue(e.getMessage().contains("rankId=2"), e.getMessage());
    }

    @Test
    void shouldRejectZeroSymmetricSize() {
        assertThrows(InvalidArgumentException.class,
            () -> shm.create(1, 2, 0, 0, EnumSet.of(ShmDataOpType.MTE), 0));
    }

    @Test
    void shouldSayNotInitializedForValidCreateBeforeInit() {
        assertThrows(NotInitializedException.class,
            () -> shm.create(1, 2, 0, 4L << 20, EnumSet.of(ShmDataOpType.MTE), 0));
    }
}
