package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/** Peer ids are parsed once per spelling, refused every time when malformed, and never kept without bound. */
class PeerIdsTest {
    @Test
    void shouldGiveTheCanonicalTextOfEverySpelling() {
        final PeerIds ids = new PeerIds();
        assertEquals("[::1]:16000", ids.canonical("[0:0:0:0:0:0:0:1]:16000"));
        assertEquals("[::1]:16000", ids.canonical("[::1]:16000"));
        assertEquals("127.0.0.1:16000", ids.canonical("127.0.0.1:16000"));
        assertEquals(3, ids.size());
    }

    @Test
    void shouldAnswerARememberedSpellingWithoutParsingAgain() {
        final PeerIds ids = new PeerIds();
        final String first = ids.canonical("[0:0:0:0:0:0:0:1]:16000");
        assertSame(first, ids.canonical("[0:0:0:0:0:0:0:1]:16000"), "the remembered text, not a new parse");
        assertEquals(1, ids.size());
    }

    @Test
    void shouldRefuseMalformedIdsEveryTimeAndRememberNone() {
        final PeerIds ids = new PeerIds();
        for (int i = 0; i < 2; i++) {
            final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ids.canonical("127.0.0.1"));
            assertTrue(e.getMessage().contains("uniqueId=127.0.0.1"), e.getMessage());
            LastError.getAndClear();
        }
        assertThrows(InvalidArgumentException.class, () -> ids.canonical(null));
        assertThrows(InvalidArgumentException.class, () -> ids.canonical(""));
        LastError.getAndClear();
        assertEquals(0, ids.size());
    }

    @Test
    void shouldStartOverInsteadOfGrowingPastItsBound() {
        final PeerIds ids = new PeerIds();
        for (int port = 1; port <= PeerIds.MAX_SPELLINGS + 10; port++) {
            assertEquals("10.0.0.1:" + port, ids.canonical("10.0.0.1:" + port));
            assertTrue(ids.size() <= PeerIds.MAX_SPELLINGS, "size=" + ids.size());
        }
        assertEquals(10, ids.size(), "started over once the bound was reached");
    }
}
