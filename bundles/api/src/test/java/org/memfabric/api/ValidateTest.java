package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ValidateTest {
    @Test
    void shouldRejectNullAndEmptyStringsNamingTheArgument() {
        Expect.invalid(() -> Validate.notNull("storeUrl", null), "storeUrl", "storeUrl=null");
        Expect.invalid(() -> Validate.notEmpty("uniqueId", ""), "uniqueId", "uniqueId=\"\"");
        Expect.invalid(() -> Validate.notEmpty("uniqueId", null), "uniqueId=null");
        assertEquals("a", Validate.notEmpty("x", "a"));
    }

    @Test
    void shouldAppendTheDetailToTheMessageOnlyWhenTheCheckFails() {
        final Object detail = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("detail rendered although the check held");
            }
        };
        Validate.isTrue(true, "never: ", detail);
        Validate.isTrue(true, "never: ", 7L);

        final InvalidArgumentException failure = org.junit.jupiter.api.Assertions.assertThrows(
            InvalidArgumentException.class, () -> Validate.isTrue(false, "dest must be writable: dest=", "buf[ro]"));
        assertEquals("dest must be writable: dest=buf[ro]", failure.getMessage());
        assertEquals("size must be positive: size=-3", org.junit.jupiter.api.Assertions.assertThrows(
            InvalidArgumentException.class, () -> Validate.isTrue(false, "size must be positive: size=", -3L))
            .getMessage());
    }

    @Test
    void shouldRejectValuesOutsideTheRangeAndAcceptTheBounds() {
        assertEquals(1L, Validate.inRange("n", 1L, 1L, 3L));
        assertEquals(3, Validate.inRange("n", 3, 1, 3));
        Expect.invalid(() -> Validate.inRange("n", 4, 1, 3), "n must be 1..3", "n=4");
        Expect.invalid(() -> Validate.inRange("n", 0L, 1L, 3L), "n=0");
        Expect.invalid(() -> Validate.positive("size", 0), "size must be positive", "size=0");
    }

    @Test
    void shouldRequireSizesToBeMultiplesOfTwoMebibytes() {
        assertEquals(0L, Validate.sizeMultipleOf2MiB("localHbmSize", 0, 1L << 36));
        assertEquals(4L << 20, Validate.sizeMultipleOf2MiB("localHbmSize", 4L << 20, 1L << 36));
        Expect.invalid(() -> Validate.sizeMultipleOf2MiB("localHbmSize", (2L << 20) + 1, 1L << 36),
            "multiple of 2 MiB", "localHbmSize=2097153");
        Expect.invalid(() -> Validate.sizeMultipleOf2MiB("localHbmSize", 1L << 37, 1L << 36),
            "localHbmSize=" + (1L << 37));
        Expect.invalid(() -> Validate.sizeMultipleOf2MiB("localHbmSize", -(2L << 20), 1L << 36),
            "localHbmSize=-2097152");
    }

    @Test
    void shouldRejectTimeoutsBelowOneSecondOrAboveTheMaximum() {
        assertEquals(Duration.ofSeconds(1), Validate.timeout("t", Duration.ofSeconds(1), 10));
        assertEquals(Duration.ofSeconds(10), Validate.timeout("t", Duration.ofSeconds(10), 10));
        Expect.invalid(() -> Validate.timeout("t", Duration.ofMillis(999), 10), "t must be 1..10 s", "t=999ms");
        Expect.invalid(() -> Validate.timeout("t", Duration.ofSeconds(10).plusNanos(1), 10), "t=10000ms");
        Expect.invalid(() -> Validate.timeout("t", null, 10), "t=null");
    }
}
