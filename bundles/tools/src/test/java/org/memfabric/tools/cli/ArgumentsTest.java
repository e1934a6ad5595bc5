package org.memfabric.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(final String... args) throws UsageError {
        return Arguments.parse("demo", List.of(args), Set.of("--url", "--count"), Set.of("--tls"));
    }

    @Test
    void shouldSeparateOptionsFlagsAndPositionalsInAnyOrder() throws Exception {
        final Arguments args = parse("get", "--url", "tcp://1.2.3.4:5", "key", "--tls");

        assertEquals(List.of("get", "key"), args.positionals());
        assertEquals("tcp://1.2.3.4:5", args.required("--url"));
        assertTrue(args.has("--tls"));
    }

    @Test
    void shouldTakeEverythingAfterDoubleDashAndNegativeNumbersAsPositionals() throws Exception {
        assertEquals(List.of("add", "-5", "--url"), parse("add", "-5", "--", "--url").positionals());
    }

    @Test
    void shouldRejectAnUnknownOptionByName() {
        final UsageError e = assertThrows(UsageError.class, () -> parse("--frob"));
        assertEquals("demo: unknown option: option=--frob", e.getMessage());
    }

    @Test
    void shouldRejectAnOptionWithoutItsValue() {
        final UsageError e = assertThrows(UsageError.class, () -> parse("--url"));
        assertEquals("demo: option needs a value: option=--url", e.getMessage());
    }

    @Test
    void shouldRejectARepeatedOption() {
        final UsageError e = assertThrows(UsageError.class, () -> parse("--tls", "--tls"));
        assertEquals("demo: option given twice: option=--tls", e.getMessage());
    }

    @Test
    void shouldRejectANumberOutOfRangeOrNotANumber() throws Exception {
        assertEquals("demo: --count must be 1..10: value=11",
            assertThrows(UsageError.class, () -> parse("--count", "11").intIn("--count", 1, 1, 10)).getMessage());
        assertEquals("demo: --count must be an integer 1..10: value=ten",
            assertThrows(UsageError.class, () -> parse("--count", "ten").intIn("--count", 1, 1, 10)).getMessage());
        assertEquals(4, parse().intIn("--count", 4, 1, 10));
    }

    @Test
    void shouldNameAMissingMandatoryOptionAndAnExtraWord() {
        assertEquals("demo: option missing: option=--url",
            assertThrows(UsageError.class, () -> parse().required("--url")).getMessage());
        assertEquals("demo: unexpected argument: value=b",
            assertThrows(UsageError.class, () -> parse("a", "b").requireNoMorePositionals(1)).getMessage());
    }
}
