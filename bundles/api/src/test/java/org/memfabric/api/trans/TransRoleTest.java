package org.memfabric.api.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class TransRoleTest {
    @Test
    void shouldNumberRolesAsTheCEnum() {
        assertEquals(0, TransRole.NONE.code());
        assertEquals(1, TransRole.SENDER.code());
        assertEquals(2, TransRole.RECEIVER.code());
        assertEquals(3, TransRole.BOTH.code());
    }

    @Test
    void shouldMapThePythonRolesPrefillAndDecode() {
        assertSame(TransRole.SENDER, TransRole.parse("Prefill"));
        assertSame(TransRole.RECEIVER, TransRole.parse("Decode"));
        assertSame(TransRole.SENDER, TransRole.parse(" PREFILL "));
        assertSame(TransRole.RECEIVER, TransRole.parse("decode"));
    }

    @Test
    void shouldMapTheEnumNamesInAnyCase() {
        for (final TransRole r : TransRole.values()) {
            assertSame(r, TransRole.parse(r.name()));
            assertSame(r, TransRole.parse(r.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void shouldRejectGarbageAndEmptyRoles() {
        Expect.invalid(() -> TransRole.parse("Prefiller"), "role=Prefiller");
        Expect.invalid(() -> TransRole.parse("sender;both"), "role=sender;both");
        Expect.invalid(() -> TransRole.parse(""), "role");
        Expect.invalid(() -> TransRole.parse(null), "role=null");
    }

    @Test
    void shouldHaveTheTwoPythonOpcodes() {
        assertEquals(2, TransferOpcode.values().length);
        assertSame(TransferOpcode.READ, TransferOpcode.valueOf("READ"));
        assertSame(TransferOpcode.WRITE, TransferOpcode.valueOf("WRITE"));
    }
}
