package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.OperationTimeoutException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlChannelTest {

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final ConfigStoreServer server = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"),
        new StoreServerOptions());
    private final ConfigStore store = stores.connect(server.url(), new StoreClientOptions());

    @AfterEach
    void closeEverything() {
        store.close();
        server.close();
        stores.close();
    }

    private ControlChannel channel(final Duration timeout, final boolean peerAlive) {
        return new ControlChannel(store.withPrefix("test/"), timeout, () -> peerAlive);
    }

    @Test
    void shouldRoundTripCommandsAndTheReceiverRecord() {
        for (final String text : new String[] {"write 4096", "read 131072 7", "end"}) {
            assertEquals(text, ControlChannel.Command.decode(text).encode());
        }
        final ControlChannel.ReceiverInfo info = ControlChannel.ReceiverInfo.decode(
            new ControlChannel.ReceiverInfo("[::1]:15001", 0xffff_8000_0000_1000L, 1 << 20).encode());
        assertEquals("[::1]:15001", info.uniqueId);
        assertEquals(0xffff_8000_0000_1000L, info.address);
        assertEquals(1 << 20, info.bytes);
    }

    @Test
    void shouldRejectMalformedRecordsWithATypedErrorNamingTheValue() {
        for (final String text : new String[] {"write", "write x", "read 1", "copy 1", ""}) {
            final MemFabricException e = assertThrows(MemFabricException.class,
                () -> ControlChannel.Command.decode(text));
            assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
            assertEquals("bench trans: bad command: value=" + text, e.getMessage());
        }
        assertEquals("bench trans: bad receiver record: value=a 1", assertThrows(MemFabricException.class,
            () -> ControlChannel.ReceiverInfo.decode("a 1")).getMessage());
    }

    @Test
    void shouldCarryStepsAndAnswersThroughTheStore() {
        final ControlChannel receiver = channel(Duration.ofSeconds(10), true);
        final ControlChannel sender = channel(Duration.ofSeconds(10), true);

        receiver.publishReceiver(new ControlChannel.ReceiverInfo("127.0.0.1:15000", 4096, 8192));
        assertEquals(8192, sender.awaitReceiver().bytes);
        sender.send(1, new ControlChannel.Command(ControlChannel.Command.Kind.READ, 8192, 1));
        assertEquals("read 8192 1", receiver.awaitCommand(1).encode());
        receiver.ack(1, 0xCAFEL);
        assertEquals(0xCAFEL, sender.awaitAck(1));
        receiver.fail(2, "step outside the registered region: bytes=9000, registered=8192");
        assertEquals("bench trans: the receiver failed at step 2: step outside the registered region: bytes=9000, "
            + "registered=8192", assertThrows(MemFabricException.class, () -> sender.awaitAck(2)).getMessage());
    }

    @Test
    void shouldPassOnWhyTheReceiverCouldNotStart() {
        channel(Duration.ofSeconds(10), true).failReceiver("not supported: allocateMem (code=SM_NOT_SUPPORTED -2100)");

        final MemFabricException e = assertThrows(MemFabricException.class,
            () -> channel(Duration.ofSeconds(10), true).awaitReceiver());
        assertEquals("bench trans: the receiver could not start: not supported: allocateMem "
            + "(code=SM_NOT_SUPPORTED -2100)", e.getMessage());
    }

    @Test
    void shouldStopWaitingAtOnceWhenThePeerHasEnded() {
        // a channel timeout far beyond the class timeout: waiting for it would fail the test
        final MemFabricException e = assertThrows(MemFabricException.class,
            () -> channel(Duration.ofMinutes(10), false).awaitAck(1));

        assertEquals("bench trans: the peer process ended before answering: key=ack/1", e.getMessage());
    }

    @Test
    void shouldTimeOutWhenThePeerNeverAnswers() {
        final OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
            () -> channel(Duration.ofSeconds(1), true).awaitCommand(3));

        assertEquals("bench trans: the peer did not answer: key=cmd/3, timeoutS=1", e.getMessage());
    }
}
