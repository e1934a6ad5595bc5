package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.DuplicateObjectException;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferStream;
import org.memfabric.memory.NativeMemory;

/**
 * Bad input to TRANS: every case gets a typed error with the original's code naming what was wrong, before a byte
 * moves, and the engines keep working (nothing registered is lost) afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransBadInputTest {
    private TransCluster cluster;
    private TransferEngineImpl a;
    private TransferEngineImpl b;
    private ByteBuffer local;
    private ByteBuffer remote;

    @BeforeAll
    void start() throws Exception {
        cluster = new TransCluster(TransRole.BOTH, TransRole.BOTH);
        a = cluster.engine(0);
        b = cluster.engine(1);
        local = ByteBuffer.allocateDirect(65536);
        remote = ByteBuffer.allocateDirect(65536);
        a.registerMem(local);
        b.registerMem(remote);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private long local() {
        return NativeMemory.address(local);
    }

    private long remote() {
        return NativeMemory.address(remote);
    }

    private static <E extends MemFabricException> E expect(final Class<E> type, final ErrorCode code,
        final String text, final org.junit.jupiter.api.function.Executable call) {
        final E e = assertThrows(type, call);
        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "message=" + e.getMessage() + ", expected=" + text);
        assertTrue(LastError.get().contains(text), "last error=" + LastError.get());
        return e;
    }

    @Test
    void shouldRejectMalformedUniqueIdsWhenCreatingOrTransferring() {
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "uniqueId=host-without-port",
            () -> cluster.services.get(0).create(cluster.url, "host-without-port", new TransConfig()));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "uniqueId=1.2.3.4:70000",
            () -> a.write(local(), "1.2.3.4:70000", remote(), 8));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "uniqueId",
            () -> a.write(local(), "", remote(), 8));
    }

    @Test
    void shouldRejectAnUnknownPeerWhenNoEngineHasItsId() {
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "unknown peer",
            () -> a.write(local(), "127.0.0.1:1", remote(), 8));
    }

    @Test
    void shouldRejectRemoteAddressesOutsideTheRegisteredMemoryBeforeMovingBytes() {
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "outside the peer's registered memory",
            () -> a.write(local(), b.uniqueId(), remote() + 65536 - 8, 16));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "outside the peer's registered memory",
            () -> a.read(local(), b.uniqueId(), remote() - 1, 8));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "outside the peer's registered memory",
            () -> a.batchWrite(b.uniqueId(), List.of(new org.memfabric.api.trans.TransferRequest(local(), remote(), 8),
                new org.memfabric.api.trans.TransferRequest(local(), 0x1000, 8))));
    }

    @Test
    void shouldRejectLocalAddressesOutsideThisEnginesMemory() {
        final ByteBuffer stray = ByteBuffer.allocateDirect(64);
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "local address not in memory",
            () -> a.write(NativeMemory.address(stray), b.uniqueId(), remote(), 8));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "local address not in memory",
            () -> a.read(local() + 65530, b.uniqueId(), remote(), 8));
    }

    @Test
    void shouldRejectZeroSizesAndNullAddresses() {
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "size=0",
            () -> a.write(local(), b.uniqueId(), remote(), 0));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "localAddr=0",
            () -> a.read(0, b.uniqueId(), remote(), 8));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "capacity=0",
            () -> a.registerMem(local(), 0, 0));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "address=0",
            () -> a.registerMem(0, 4096, 0));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "batchSize=0",
            () -> a.batchWrite(b.uniqueId(), List.of()));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "addresses=2, capacities=1",
            () -> a.batchRegisterMem(new long[] {local(), local() + 8}, new long[] {8}, 0));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "multiple of 2 MiB",
            () -> a.allocateMem(4096));
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "flags=1",
            () -> a.registerMem(local(), 8, 1));
    }

    @Test
    void shouldRejectUnmappedMemoryWhenRegisteringARawAddress() {
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "not mapped read-write",
            () -> a.registerMem(0x1000, 4096, 0));
    }

    @Test
    void shouldSayNotFoundWhenDeregisteringUnknownMemory() {
        expect(ObjectNotFoundException.class, ErrorCode.SM_OBJECT_NOT_EXISTS, "memory not registered",
            () -> a.deregisterMem(local() + 8));
    }

    @Test
    void shouldRejectCreateBeforeInitAndRoleNone() {
        final TransferServiceImpl fresh = new TransferServiceImpl(() -> cluster.stores, cluster.catalog);
        expect(NotInitializedException.class, ErrorCode.SM_NOT_INITIALIZED, "call init first",
            () -> fresh.create(cluster.url, "127.0.0.1:2", new TransConfig()));
        fresh.init(new TransConfig());
        expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "role=NONE",
            () -> fresh.create(cluster.url, "127.0.0.1:2", new TransConfig().role(TransRole.NONE)));
        fresh.uninit(0);
    }

    @Test
    void shouldRejectADuplicateUniqueIdInOneProcess() {
        final TransferServiceImpl other = new TransferServiceImpl(() -> cluster.stores, cluster.catalog);
        other.init(new TransConfig());
        expect(DuplicateObjectException.class, ErrorCode.SM_DUPLICATED_OBJECT, "uniqueId=" + a.uniqueId(),
            () -> other.create(cluster.url, a.uniqueId(), TransCluster.config(TransRole.BOTH)));
        other.uninit(0);
    }

    @Test
    void shouldRejectAStreamOfAnotherEngine() {
        try (TransferStream foreign = b.newStream()) {
            expect(InvalidArgumentException.class, ErrorCode.SM_INVALID_PARAM, "stream was not created by this engine",
                () -> a.writeSubmit(local(), b.uniqueId(), remote(), 8, foreign));
        }
    }

    @Test
    void shouldKeepWorkingAfterBadInput() {
        for (int i = 0; i < 64; i++) {
            local.put(i, (byte) (i + 1));
        }
        a.write(local(), b.uniqueId(), remote(), 64);
        for (int i = 0; i < 64; i++) {
            assertEquals((byte) (i + 1), remote.get(i));
        }
    }
}
