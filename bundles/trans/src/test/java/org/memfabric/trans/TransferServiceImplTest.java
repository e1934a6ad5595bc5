package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.trans.TransConfig;
import org.junit.jupiter.api.Test;

class TransferServiceImplTest {
    private final TransferServiceImpl trans = new TransferServiceImpl();

    @Test
    void shouldReserveRpcPortsInRangeAndHoldThemUntilUninit() throws IOException {
        final int first = trans.getRpcPort();
        final int second = trans.getRpcPort();
        assertTrue(first >= 15000 && first <= 25000, "port=" + first);
        assertNotEquals(first, second);
        try (ServerSocket probe = new ServerSocket()) {
            assertThrows(BindException.class, () -> probe.bind(new InetSocketAddress(first)));
        }
        trans.uninit(0);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(first));
            assertEquals(first, probe.getLocalPort());
        }
    }

    @Test
    void shouldRejectMalformedUniqueIdNamingIt() {
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> trans.create("tcp://127.0.0.1:5124", "localhost:99999", new TransConfig()));
        assertTrue(e.getMessage().contains("uniqueId=localhost:99999"), e.getMessage());
    }

    @Test
    void shouldAcceptIpv6UniqueIdAndThenSayNotInitialized() {
        assertThrows(NotInitializedException.class,
            () -> trans.create("tcp://[::1]:5124", "[::1]:16000", new TransConfig()));
    }
}
