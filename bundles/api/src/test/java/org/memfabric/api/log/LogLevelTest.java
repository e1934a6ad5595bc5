package org.memfabric.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class LogLevelTest {
    @Test
    void shouldMapTheNumbersZeroToThree() {
        assertSame(LogLevel.DEBUG, LogLevel.of(0));
        assertSame(LogLevel.INFO, LogLevel.of(1));
        assertSame(LogLevel.WARN, LogLevel.of(2));
        assertSame(LogLevel.ERROR, LogLevel.of(3));
        for (final LogLevel l : LogLevel.values()) {
            assertEquals(l, LogLevel.of(l.code()));
        }
    }

    @Test
    void shouldRejectNumbersOutsideZeroToThree() {
        Expect.invalid(() -> LogLevel.of(-1), "level must be 0..3", "level=-1");
        Expect.invalid(() -> LogLevel.of(4), "level=4");
    }
}
