package org.memfabric.api.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class TransferRequestTest {
    @Test
    void shouldKeepTheFieldsOfAValidRequest() {
        final TransferRequest r = new TransferRequest(0x7f00_0000_1000L, 0x7f11_0000_2000L, 64);
        assertEquals(0x7f00_0000_1000L, r.localAddress());
        assertEquals(0x7f11_0000_2000L, r.remoteAddress());
        assertEquals(64, r.length());
        assertTrue(r.toString().contains("remote=0x7f1100002000"), r.toString());
    }

    @Test
    void shouldRejectNullAddressesAndEmptyLengths() {
        Expect.invalid(() -> new TransferRequest(0, 1, 1), "localAddr=0");
        Expect.invalid(() -> new TransferRequest(1, 0, 1), "remoteAddr=0");
        Expect.invalid(() -> new TransferRequest(1, 1, 0), "length=0");
        Expect.invalid(() -> new TransferRequest(1, 1, -8), "length=-8");
    }
}
