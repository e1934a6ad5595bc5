package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Unique ids keep one canonical text, IPv6 in the RFC 5952 form. */
class UniqueIdTest {
    private static String v6(final String text) throws Exception {
        return UniqueId.rfc5952(InetAddress.getByName(text).getAddress());
    }

    @Test
    void shouldWriteIpv6AddressesInTheirRecommendedForm() throws Exception {
        assertEquals("::1", v6("0:0:0:0:0:0:0:1"));
        assertEquals("::", v6("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::", v6("fe80:0:0:0:0:0:0:0"));
        assertEquals("2001:db8::1:0:0:1", v6("2001:0db8:0:0:1:0:0:1"));
        assertEquals("2001:db8::2:1", v6("2001:db8:0:0:0:0:2:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:db8::abcd", v6("2001:DB8::ABCD"));
    }

    @Test
    void shouldGiveTheSameTextForEveryWayOfWritingAnId() {
        assertEquals("[::1]:16000", UniqueId.parse("[::1]:16000").text());
        assertEquals("[::1]:16000", UniqueId.parse("[0:0:0:0:0:0:0:1]:16000").text());
        assertEquals(UniqueId.parse("[::1]:16000"), UniqueId.parse("[0000::0001]:16000"));
        assertEquals("127.0.0.1:16000", UniqueId.parse("127.0.0.1:16000").text());
    }
}
