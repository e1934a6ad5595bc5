package org.memfabric.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class StoreUrlTest {
    @Test
    void shouldParseAnIpv4Url() throws Exception {
        final StoreUrl u = StoreUrl.parse("tcp://127.0.0.1:5124");
        assertEquals(InetAddress.getByName("127.0.0.1"), u.address());
        assertEquals(5124, u.port());
        assertFalse(u.isIpv6());
        assertEquals("127.0.0.1:5124", u.hostPort());
        assertEquals("tcp://127.0.0.1:5124", u.toString());
        assertEquals(new InetSocketAddress("127.0.0.1", 5124), u.socketAddress());
    }

    @Test
    void shouldParseABracketedIpv6Url() throws Exception {
        final StoreUrl u = StoreUrl.parse("tcp://[::1]:5124");
        assertTrue(u.isIpv6());
        assertEquals(InetAddress.getByName("::1"), u.address());
        assertEquals(5124, u.port());
        assertTrue(u.hostPort().startsWith("[") && u.hostPort().endsWith("]:5124"), u.hostPort());
    }

    @Test
    void shouldAcceptTheTcp6SchemeOfTheSeeds() {
        final StoreUrl u = StoreUrl.parse("tcp6://[fe80::1:2]:65535");
        assertTrue(u.isIpv6());
        assertEquals(65535, u.port());
        assertEquals(StoreUrl.parse("tcp://[fe80::1:2]:65535"), u);
    }

    @Test
    void shouldRejectAUrlWithoutScheme() {
        Expect.invalid(() -> StoreUrl.parse("127.0.0.1:5124"), "tcp://", "url=127.0.0.1:5124");
        Expect.invalid(() -> StoreUrl.parse("http://127.0.0.1:5124"), "url=http://127.0.0.1:5124");
        Expect.invalid(() -> StoreUrl.parse("tcp:://127.0.0.1:5124"), "url=tcp:://127.0.0.1:5124");
    }

    @Test
    void shouldRejectEmptyAndNullUrls() {
        Expect.invalid(() -> StoreUrl.parse(""), "url=\"\"");
        Expect.invalid(() -> StoreUrl.parse(null), "url=null");
    }

    @Test
    void shouldRejectAnIpv4HostWithAnOctetAbove255() {
        Expect.invalid(() -> StoreUrl.parse("tcp://256.1.1.1:5124"), "host=256.1.1.1");
        Expect.invalid(() -> StoreUrl.parse("tcp://1.2.3:5124"), "host=1.2.3");
    }

    @Test
    void shouldRejectHostNamesWithoutResolvingThem() {
        Expect.invalid(() -> StoreUrl.parse("tcp://localhost:5124"), "host=localhost");
        Expect.invalid(() -> StoreUrl.parse("tcp://store.example.org:5124"), "host=store.example.org");
        Expect.invalid(() -> StoreUrl.parse("tcp://[localhost]:5124"), "host=localhost");
    }

    @Test
    void shouldRejectATcp6UrlWithoutABracketedIpv6Host() {
        Expect.invalid(() -> StoreUrl.parse("tcp6://127.0.0.1:5124"), "tcp6", "url=tcp6://127.0.0.1:5124");
    }

    @Test
    void shouldRejectPortZeroWhenConnectingButAllowItWhenListening() {
        Expect.invalid(() -> StoreUrl.parse("tcp://127.0.0.1:0"), "port must be 1..65535", "port=0");
        assertEquals(0, StoreUrl.parseListen("tcp://127.0.0.1:0").port());
    }

    @Test
    void shouldRejectPortsAbove65535() {
        Expect.invalid(() -> StoreUrl.parse("tcp://127.0.0.1:70000"), "url=tcp://127.0.0.1:70000", "port=70000");
        Expect.invalid(() -> StoreUrl.parseListen("tcp://[::1]:65536"), "port=65536");
        Expect.invalid(() -> StoreUrl.parse("tcp://127.0.0.1:123456"), "url=tcp://127.0.0.1:123456");
    }

    @Test
    void shouldRejectWildcardHostsWhenConnectingButAllowThemWhenListening() {
        Expect.invalid(() -> StoreUrl.parse("tcp://0.0.0.0:5124"), "wildcard", "url=tcp://0.0.0.0:5124");
        Expect.invalid(() -> StoreUrl.parse("tcp://[::]:5124"), "wildcard");
        assertTrue(StoreUrl.parseListen("tcp://0.0.0.0:5124").address().isAnyLocalAddress());
        assertTrue(StoreUrl.parseListen("tcp://[::]:0").address().isAnyLocalAddress());
    }

    @Test
    void shouldBuildAUrlFromASocketAddress() {
        final StoreUrl u = StoreUrl.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000));
        assertEquals(4000, u.port());
        Expect.invalid(() -> StoreUrl.of(InetSocketAddress.createUnresolved("store.example.org", 1)),
            "resolved IP address");
        Expect.invalid(() -> StoreUrl.of(null), "address=null");
    }

    @Test
    void shouldCompareByAddressAndPort() {
        assertEquals(StoreUrl.parse("tcp://10.0.0.1:1"), StoreUrl.parse("tcp://10.0.0.1:1"));
        assertEquals(StoreUrl.parse("tcp://10.0.0.1:1").hashCode(), StoreUrl.parse("tcp://10.0.0.1:1").hashCode());
        assertNotEquals(StoreUrl.parse("tcp://10.0.0.1:1"), StoreUrl.parse("tcp://10.0.0.1:2"));
        assertNotEquals(StoreUrl.parse("tcp://10.0.0.1:1"), StoreUrl.parse("tcp://10.0.0.2:1"));
    }
}
