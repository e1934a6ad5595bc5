package org.memfabric.api.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PassThroughDecryptTest {
    private static char[] decrypt(final String stored) {
        return DecryptHandler.passThrough().decrypt(stored.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReturnThePasswordAndDropOneTrailingLineEnd() {
        assertArrayEquals("pw".toCharArray(), decrypt("pw"));
        assertArrayEquals("pw".toCharArray(), decrypt("pw\n"));
        assertArrayEquals("pw".toCharArray(), decrypt("pw\r\n"));
        assertArrayEquals("pw\n".toCharArray(), decrypt("pw\n\n"));
        assertArrayEquals("pässwörd".toCharArray(), decrypt("pässwörd"));
        assertArrayEquals(new char[0], decrypt("\n"));
        assertArrayEquals(new char[0], decrypt(""));
    }
}
