package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;

class NicUrlTest {
    @Test
    void shouldListenOnBasePortPlusRank() {
        assertEquals("10.1.2.3:10007", NicUrl.listenAddress("tcp://10.1.2.3:10005", 2));
        assertEquals("[::1]:20001", NicUrl.listenAddress("tcp://[::1]:20000", 1));
        assertEquals("127.0.0.1:0", NicUrl.listenAddress("", 5));
    }

    @Test
    void shouldPickTheLocalAddressInsideASubnet() {
        assertEquals("127.0.0.1:10005", NicUrl.listenAddress("tcp://127.0.0.0/8:10005", 0));
        final String any = NicUrl.listenAddress("tcp://0.0.0.0/0:10005", 0);
        assertTrue(any.endsWith(":10005") && !any.startsWith("0.0.0.0"), any);
    }

    @Test
    void shouldAdvertiseAConcreteHostOnlyForWildcards() {
        assertEquals("", NicUrl.advertiseHost("10.1.2.3:10005"));
        final String host = NicUrl.advertiseHost("0.0.0.0:10005");
        assertFalse(host.isEmpty() || host.equals("0.0.0.0"), host);
    }

    @Test
    void shouldNameWhatIsWrong() {
        for (final String[] bad : new String[][] {
            {"udp://1.2.3.4:10005", "scheme"}, {"tcp://1.2.3.4", "port missing"}, {"tcp://1.2.3.4:80", "1024..65535"},
            {"tcp://1.2.3.4:x", "not a number"}, {"tcp://1.2.3.4/40:10005", "mask"},
            {"tcp://203.0.113.0/24:10005", "no local IPv4 address"}}) {
            final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> NicUrl.listenAddress(bad[0], 0));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("nicUrl=" + bad[0]),
                e.getMessage());
        }
        assertThrows(InvalidArgumentException.class, () -> NicUrl.listenAddress("tcp://1.2.3.4:65535", 1));
    }
}
