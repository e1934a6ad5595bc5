package org.memfabric.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class FabricLogTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> userLines = new ArrayList<>();
    private final List<String> containerLines = new ArrayList<>();
    private final ExternalLogger container = (level, message) -> containerLines.add(level + " " + message);

    @BeforeEach
    void redirectDefaultOutput() {
        FabricLog.setDefaultStream(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreGlobalState() {
        FabricLog.setDefaultStream(System.err);
        FabricLog.clearExternalLogger();
        FabricLog.setContainerLogger(null);
        FabricLog.setLevel(LogLevel.ERROR);
    }

    @Test
    void shouldLogOnlyErrorsByDefault() {
        FabricLog.setLevel(LogLevel.ERROR);
        FabricLog.setExternalLogger((level, message) -> userLines.add(level + " " + message));
        FabricLog.log(LogLevel.WARN, "bm", "dropped");
        FabricLog.log(LogLevel.ERROR, "bm", "kept");
        assertEquals(List.of("ERROR kept"), userLines);
    }

    @Test
    void shouldDropLinesBelowTheLevel() {
        FabricLog.setLevel(LogLevel.WARN);
        FabricLog.setExternalLogger((level, message) -> userLines.add(level + " " + message));
        FabricLog.log(LogLevel.DEBUG, "c", "d");
        FabricLog.log(LogLevel.INFO, "c", "i");
        FabricLog.log(LogLevel.WARN, "c", "w");
        FabricLog.log(LogLevel.ERROR, "c", "e");
        assertEquals(List.of("WARN w", "ERROR e"), userLines);
        assertFalse(FabricLog.isEnabled(LogLevel.INFO));
        assertTrue(FabricLog.isEnabled(LogLevel.WARN));
        FabricLog.setLevel(LogLevel.DEBUG);
        FabricLog.log(LogLevel.DEBUG, "c", "d2");
        assertEquals(List.of("WARN w", "ERROR e", "DEBUG d2"), userLines);
    }

    @Test
    void shouldNotBuildDebugMessagesThatAreDropped() {
        FabricLog.setLevel(LogLevel.INFO);
        final boolean[] built = {false};
        FabricLogger.of("x").debug(() -> {
            built[0] = true;
            return "expensive";
        });
        assertFalse(built[0]);
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldStripCarriageReturnsAndLineFeedsBeforeTheExternalLogger() {
        FabricLog.setExternalLogger((level, message) -> userLines.add(message));
        FabricLog.log(LogLevel.ERROR, "store", "first\r\nsecond\nthird\rfourth");
        assertEquals(1, userLines.size());
        final String line = userLines.get(0);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.startsWith("first") && line.contains("second") && line.contains("third")
            && line.endsWith("fourth"), line);
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "a user logger replaces the default output");
    }

    @Test
    void shouldReplaceAPreviousExternalLogger() {
        final List<String> first = new ArrayList<>();
        FabricLog.setExternalLogger((level, message) -> first.add(message));
        FabricLog.setExternalLogger((level, message) -> userLines.add(message));
        FabricLog.log(LogLevel.ERROR, "c", "m");
        assertTrue(first.isEmpty());
        assertEquals(List.of("m"), userLines);
    }

    @Test
    void shouldRejectANullExternalLoggerAndKeepThePreviousOne() {
        FabricLog.setExternalLogger((level, message) -> userLines.add(message));
        Expect.invalid(() -> FabricLog.setExternalLogger(null), "logger=null");
        FabricLog.log(LogLevel.ERROR, "c", "still here");
        assertEquals(List.of("still here"), userLines);
    }

    @Test
    void shouldPreferTheUserLoggerOverTheContainerBridge() {
        FabricLog.setContainerLogger(container);
        FabricLog.log(LogLevel.ERROR, "trans", "to bridge");
        assertEquals(List.of("ERROR [trans] to bridge"), containerLines);
        FabricLog.setExternalLogger((level, message) -> userLines.add(message));
        FabricLog.log(LogLevel.ERROR, "trans", "to user");
        assertEquals(List.of("to user"), userLines);
        assertEquals(1, containerLines.size());
    }

    @Test
    void shouldOnlyRemoveTheContainerBridgeThatIsStillInstalled() {
        final ExternalLogger successor = (level, message) -> containerLines.add("successor " + message);
        FabricLog.setContainerLogger(container);
        FabricLog.setContainerLogger(successor);
        FabricLog.clearContainerLogger(container);
        FabricLog.log(LogLevel.ERROR, "c", "m");
        assertEquals(List.of("successor [c] m"), containerLines);
        FabricLog.clearContainerLogger(successor);
        FabricLog.log(LogLevel.ERROR, "c", "n");
        assertEquals(1, containerLines.size());
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("[MF c] n"));
    }

    @Test
    void shouldWriteTheDefaultFormatWithMicrosecondsPidAndThreadId() {
        FabricLog.setLevel(LogLevel.INFO);
        FabricLogger.of("bm").warn("join failed:\nrank=3");
        final String out = captured.toString(StandardCharsets.UTF_8);
        final String expected = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} WARN \\["
            + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId()
            + "\\]\\[MF bm\\] join failed: rank=3\\R$";
        assertTrue(Pattern.compile(expected).matcher(out).matches(), out);
    }

    @Test
    void shouldGoToTheDefaultStreamAgainWhenTheUserLoggerIsCleared() {
        FabricLog.setExternalLogger((level, message) -> userLines.add(message));
        FabricLog.clearExternalLogger();
        FabricLogger.of("log").error("boom", new IllegalStateException("bad"));
        final String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains(" ERROR ["), out);
        assertTrue(out.contains("[MF log] boom: java.lang.IllegalStateException: bad"), out);
        assertTrue(userLines.isEmpty());
    }

    @Test
    void shouldRejectANullLevel() {
        Expect.invalid(() -> FabricLog.setLevel(null), "level=null");
        assertSame(LogLevel.ERROR, FabricLog.level());
    }
}
