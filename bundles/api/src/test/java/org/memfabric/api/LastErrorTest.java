package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.bm.BmConfig;

class LastErrorTest {
    @AfterEach
    void clear() {
        LastError.set("");
    }

    @Test
    void shouldReturnAnEmptyStringWhenNothingWasRecorded() {
        LastError.getAndClear();
        assertEquals("", LastError.get());
        assertEquals("", LastError.getAndClear());
        assertEquals("", MemFabric.getLastErrMsg());
    }

    @Test
    void shouldReturnTheSameMessageOnRepeatedGet() {
        LastError.set("boom: x=1");
        assertEquals("boom: x=1", LastError.get());
        assertEquals("boom: x=1", LastError.get());
        assertEquals("boom: x=1", MemFabric.getLastErrMsg());
    }

    @Test
    void shouldClearTheMessageOnGetAndClear() {
        LastError.set("boom: x=1");
        assertEquals("boom: x=1", MemFabric.getAndClearLastErrMsg());
        assertEquals("", LastError.get());
        assertEquals("", LastError.getAndClear());
    }

    @Test
    void shouldReplaceTheMessageWhenAnotherIsSet() {
        LastError.set("first");
        LastError.set("second");
        assertEquals("second", LastError.getAndClear());
    }

    @Test
    void shouldStoreEmptyLongAndMultiLineMessagesVerbatim() {
        LastError.set("x");
        LastError.set("");
        assertEquals("", LastError.get());
        final String longMessage = "e".repeat(1 << 20);
        LastError.set(longMessage);
        assertEquals(longMessage, LastError.get());
        LastError.set("line one\nline two\r\n\ttab");
        assertEquals("line one\nline two\r\n\ttab", LastError.get());
    }

    @Test
    void shouldStoreNullAsAnEmptyString() {
        LastError.set("x");
        LastError.set(null);
        assertEquals("", LastError.get());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldKeepMessagesPerThread() throws Exception {
        LastError.set("main thread error");
        final String seenByOther = CompletableFuture.supplyAsync(() -> {
            final String before = LastError.get();
            LastError.set("other thread error");
            return before + "|" + LastError.get();
        }).get(5, TimeUnit.SECONDS);
        assertEquals("|other thread error", seenByOther);
        assertEquals("main thread error", LastError.get());
    }

    @Test
    void shouldRecordTheMessageOfAnApiValidationFailure() {
        LastError.set("");
        final InvalidArgumentException e =
            assertThrows(InvalidArgumentException.class, () -> new BmConfig().rankId(-1));
        assertEquals(e.getMessage(), LastError.get());
        assertEquals("rankId must be 0..65535: rankId=-1", LastError.getAndClear());
    }

    @Test
    void shouldReturnTheRecordedFailureFromRecord() {
        final RepeatCallException e = new RepeatCallException("second exit handler: id=2");
        assertSame(e, LastError.record(e));
        assertEquals("second exit handler: id=2", LastError.get());
    }

    @Test
    void shouldRecordAFailureOfARecordingOperationAndPassResultsThrough() {
        LastError.getAndClear();
        assertEquals(42, LastError.recording(() -> 42));
        assertEquals("", LastError.get(), "a success records nothing");
        final InvalidArgumentException thrown = assertThrows(InvalidArgumentException.class,
            () -> LastError.recording(() -> {
                throw new InvalidArgumentException("bad thing: x=7");
            }));
        assertEquals(thrown.getMessage(), LastError.get());
    }
}
