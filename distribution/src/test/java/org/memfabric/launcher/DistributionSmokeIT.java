package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the unpacked distribution's {@code bin/memfabric} as a process: on the JDK running the build (JDK 17 in
 * CI) and, when installed, on JDK 25 with the strict native-access flag of CI.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributionSmokeIT {

    private static final long PROCESS_TIMEOUT_S = 120;

    private static final Path DIST = Path.of(required("memfabric.dist.dir"));
    private static final String VERSION = required("memfabric.dist.version");
    private static final Path DEFAULT_JDK = Path.of(System.getProperty("java.home"));
    private static final Path JDK25 = Path.of(required("memfabric.smoke.jdk25.home"));

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property missing: name=" + property);
        }
        return value;
    }

    /** The outcome of one {@code bin/memfabric} run. */
    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        String describe() {
            return "exit=" + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run memfabric(Path javaHome, String stdin, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/memfabric").toString());
        command.addAll(List.of(args));
        Path logs = Files.createDirectories(DIST.getParent().resolve("smoke-logs"));
        String tag = javaHome.getFileName() + "-" + String.join("-", args);
        Path out = logs.resolve(tag + ".out");
        Path err = logs.resolve(tag + ".err");
        Path in = logs.resolve(tag + ".in");
        Files.writeString(in, stdin);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("MEMFABRIC_WORK", DIST.getParent().resolve("smoke-work").toString());
        builder.environment().remove("MEMFABRIC_OPTS");
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/memfabric did not finish: args=" + List.of(args) + " timeoutS=" + PROCESS_TIMEOUT_S);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assumeJdk25() {
        boolean present = Files.isExecutable(JDK25.resolve("bin/java"));
        if (!present) {
            System.out.println("SKIPPED: JDK 25 smoke run, no JDK at " + JDK25);
        }
        Assumptions.assumeTrue(present, () -> "JDK 25 absent: path=" + JDK25);
    }

    private static void assertDoctorHealthy(Run run) {
        assertEquals(0, run.exitCode, run.describe());
        assertTrue(run.out.contains("\nBundles ("), run.describe());
        assertTrue(run.out.contains("ACTIVE      org.apache.felix.scr"), run.describe());
        assertTrue(run.out.contains("ACTIVE      org.memfabric.api "), run.describe());
        assertTrue(run.out.contains("\nTransports ("), run.describe());
        assertTrue(run.out.contains("\nModule services:"), run.describe());
        assertTrue(run.out.contains("\nResult: OK ("), run.describe());
        assertFalse(run.err.contains("WARNING"), "no JVM or framework warnings expected:\n" + run.describe());
    }

    private static void assertVersion(Run run, Path javaHome) throws IOException {
        assertEquals(0, run.exitCode, run.describe());
        assertTrue(run.out.startsWith("MemFabric for Java " + VERSION + "\nFelix framework 7.0.5\n"),
                run.describe());
        assertTrue(run.out.contains(" at " + javaHome.toRealPath() + "\n"), "runs on the chosen JDK:\n" + run.describe());
    }

    @Test
    void shouldReportAHealthyRuntimeFromDoctorOnTheDefaultJdk() throws Exception {
        assertDoctorHealthy(memfabric(DEFAULT_JDK, "", Map.of(), "doctor"));
    }

    @Test
    void shouldPrintVersionsOnTheDefaultJdk() throws Exception {
        assertVersion(memfabric(DEFAULT_JDK, "", Map.of(), "version"), DEFAULT_JDK);
    }

    @Test
    void shouldReportAHealthyRuntimeFromDoctorOnJdk25WithStrictNativeAccess() throws Exception {
        assumeJdk25();
        assertDoctorHealthy(memfabric(JDK25, "", Map.of("MEMFABRIC_OPTS", "--illegal-native-access=deny"),
                "doctor"));
    }

    @Test
    void shouldPrintVersionsOnJdk25() throws Exception {
        assumeJdk25();
        assertVersion(memfabric(JDK25, "", Map.of(), "version"), JDK25);
    }

    @Test
    void shouldExitWith2AndPrintUsageForAnUnknownSubcommand() throws Exception {
        Run run = memfabric(DEFAULT_JDK, "", Map.of(), "frobnicate");

        assertEquals(2, run.exitCode, run.describe());
        assertTrue(run.err.contains("usage: memfabric <command>"), run.describe());
    }

    @Test
    void shouldRunGogoCommandsAndStopAtEndOfInputInTheShell() throws Exception {
        Run run = memfabric(DEFAULT_JDK, "lb\n", Map.of(), "shell");

        assertEquals(0, run.exitCode, run.describe());
        assertTrue(run.out.contains("Active") && run.out.contains("MemFabric"), run.describe());
        assertTrue(run.out.contains("gosh: stopping shell and framework"), run.describe());
    }
}
