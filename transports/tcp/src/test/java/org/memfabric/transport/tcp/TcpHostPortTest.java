package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.api.InvalidArgumentException;

class TcpHostPortTest {
    @Test
    void shouldParseHostPortAndBracketedIpv6() {
        final TcpHostPort v4 = TcpHostPort.parse("tcp.listen", "127.0.0.1:0", true);
        assertEquals("127.0.0.1", v4.host());
        assertEquals(0, v4.port());
        assertEquals("127.0.0.1:0", v4.toString());

        final TcpHostPort v6 = TcpHostPort.parse("tcp.listen", "[::1]:5000", false);
        assertEquals("::1", v6.host());
        assertEquals(5000, v6.port());
        assertTrue(v6.isIpv6Literal());
        assertEquals("[::1]:5000", v6.toString());

        final TcpHostPort name = TcpHostPort.tryParsePeer("node-7.example:65535");
        assertEquals("node-7.example", name.host());
        assertEquals(65535, name.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":80", "::1:80", "[::1]5000", "[::1]:", "[host]:80", "a b:1",
        "host:70000", "host:-1", "host:1x", "host:123456", "[::1:80", "x/y:1", "0x616263"})
    void shouldRejectMalformedAddressesNamingTheKey(final String text) {
        final InvalidArgumentException failure = assertThrows(InvalidArgumentException.class,
            () -> TcpHostPort.parse("tcp.listen", text, true));
        assertTrue(failure.getMessage().startsWith("tcp.listen must be host:port or [v6]:port ("),
            failure.getMessage());
        assertTrue(failure.getMessage().endsWith(": tcp.listen=" + text), failure.getMessage());
        assertNull(TcpHostPort.tryParsePeer(text));
    }

    @Test
    void shouldRefusePortZeroForAPeer() {
        assertNull(TcpHostPort.tryParsePeer("127.0.0.1:0"));
        assertEquals("port must be 1..65535", TcpHostPort.problem("127.0.0.1:0", false));
    }
}
