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
        String tag = fileTag(javaHome.getFileName() + "-" + String.join("-", args));
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

    /** A log file name from a command line: path separators and other odd characters become '_', and it stays short. */
    private static String fileTag(String text) {
        String tag = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return tag.length() <= 120 ? tag : tag.substring(0, 80) + "-" + Integer.toHexString(text.hashCode());
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
        assertTrue(run.out.contains("memfabric.deviceMemory: device memory is host DRAM: no accelerator provider bound"),
                "doctor names the device memory provider:\n" + run.describe());
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

    private static void assertDemoVerified(Run run, String transport) {
        assertEquals(0, run.exitCode, run.describe());
        for (int r = 0; r < 3; r++) {
            assertTrue(run.out.contains("[rank " + r + "] rank " + r + ": VERIFIED"), run.describe());
        }
        assertTrue(run.out.contains("pools over " + transport + " "), "ranks must use " + transport + ":\n"
                + run.describe());
        assertTrue(run.out.contains("demo: OK: 3 ranks verified"), run.describe());
    }

    @Test
    void shouldRunTheMultiRankDemoOverSharedMemory() throws Exception {
        assertDemoVerified(memfabric(DEFAULT_JDK, "", Map.of(), "demo", "--ranks", "3", "--size-mb", "8"), "shm");
    }

    @Test
    void shouldRunTheMultiRankDemoOverTcpOnJdk25() throws Exception {
        assumeJdk25();
        assertDemoVerified(memfabric(JDK25, "", Map.of(), "demo", "--ranks", "3", "--size-mb", "8", "--transport",
                "tcp"), "tcp");
    }

    private static void assertExampleVerified(Run run, String example, int ranks, String reach) {
        assertEquals(0, run.exitCode, run.describe());
        for (int r = 0; r < ranks; r++) {
            assertTrue(run.out.contains("[rank " + r + "] rank " + r + ": " + example + " over reach " + reach),
                    run.describe());
        }
        assertFalse(run.out.contains("MISMATCH"), run.describe());
        assertTrue(run.out.contains("example: OK: " + example + " verified on " + ranks + " ranks"), run.describe());
    }

    @Test
    void shouldRunTheAllReduceExampleOverSharedMemory() throws Exception {
        assertExampleVerified(memfabric(DEFAULT_JDK, "", Map.of(), "example", "allreduce", "--ranks", "3"),
                "allreduce", 3, "[MTE, SDMA]");
    }

    @Test
    void shouldRunTheShiftPutGetExampleOverTcpOnJdk25() throws Exception {
        assumeJdk25();
        assertExampleVerified(memfabric(JDK25, "", Map.of(), "example", "shift-put-get", "--ranks", "3",
                "--transport", "tcp"), "shift-put-get", 3, "[RDMA]");
    }

    @Test
    void shouldHandConfigurationFilesToConfigAdminBeforeTheTransportsStart() throws Exception {
        Path configDir = Files.createTempDirectory(DIST.getParent(), "smoke-config");
        Files.writeString(configDir.resolve("org.memfabric.transport.shm.cfg"),
                "# test configuration\ncopyLanes = 3\nparallelMinKiB=512\n");
        Run run = memfabric(DEFAULT_JDK, "", Map.of("MEMFABRIC_CONFIG_DIR", configDir.toString()), "doctor");

        assertEquals(0, run.exitCode, run.describe());
        assertTrue(run.out.contains("settings: copyLanes=3 parallelMinBytes=524288"), run.describe());

        Files.writeString(configDir.resolve("not a pid.cfg"), "x=1\n");
        Run bad = memfabric(DEFAULT_JDK, "", Map.of("MEMFABRIC_CONFIG_DIR", configDir.toString()), "doctor");
        assertEquals(1, bad.exitCode, bad.describe());
        assertTrue(bad.err.contains("configuration file name is not a PID: file=" + configDir.resolve("not a pid.cfg")),
                bad.describe());
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

    // ---- tool commands of the org.memfabric.tools bundle: store, store-cli, tls -------------------------------

    /** A {@code bin/memfabric} process left running, with its output in files. */
    private static final class Background {
        final Process process;
        final Path out;
        final Path err;

        Background(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String out() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String describe() throws IOException {
            return "--- stdout\n" + out() + "--- stderr\n" + err();
        }

        void awaitOutput(Path file, String text) throws IOException, InterruptedException {
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_S);
            while (!Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                if (!process.isAlive()) {
                    fail("process ended before printing: text=" + text + " exit=" + process.exitValue() + "\n"
                            + describe());
                }
                if (System.nanoTime() - deadlineNs > 0) {
                    fail("process did not print in time: text=" + text + " timeoutS=" + PROCESS_TIMEOUT_S + "\n"
                            + describe());
                }
                Thread.sleep(50);
            }
        }

        int awaitExit() throws IOException, InterruptedException {
            if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("process did not exit: timeoutS=" + PROCESS_TIMEOUT_S + "\n" + describe());
            }
            return process.exitValue();
        }

        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static Background background(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/memfabric").toString());
        command.addAll(List.of(args));
        Path logs = Files.createDirectories(DIST.getParent().resolve("smoke-logs"));
        String tag = fileTag("bg-" + String.join("-", args));
        Path out = logs.resolve(tag + ".out");
        Path err = logs.resolve(tag + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", DEFAULT_JDK.toString());
        builder.environment().put("MEMFABRIC_WORK", smokeWork().toString());
        builder.environment().remove("MEMFABRIC_OPTS");
        return new Background(builder.start(), out, err);
    }

    private static Path smokeWork() {
        return DIST.getParent().resolve("smoke-work");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Run cli(String stdin, List<String> common, String... operation)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("store-cli"));
        args.addAll(common);
        args.addAll(List.of(operation));
        return memfabric(DEFAULT_JDK, stdin, Map.of(), args.toArray(new String[0]));
    }

    /**
     * Starts {@code memfabric store}, checks set/get and a watch released by a set through separate
     * {@code memfabric store-cli} processes, then stops the server with SIGTERM.
     */
    private static void exerciseStore(List<String> serverArgs, List<String> clientArgs, String tls)
            throws IOException, InterruptedException {
        int port = freePort();
        String url = "tcp://127.0.0.1:" + port;
        List<String> storeArgs = new ArrayList<>(List.of("store", "--listen", url));
        storeArgs.addAll(serverArgs);
        Background store = background(storeArgs.toArray(new String[0]));
        Background watch = null;
        try {
            store.awaitOutput(store.out, "store listening: url=" + url + " tls=" + tls);
            List<String> common = new ArrayList<>(List.of("--url", url));
            common.addAll(clientArgs);

            Run set = cli("", common, "set", "smoke", "hello from " + tls);
            assertEquals(0, set.exitCode, set.describe());
            assertEquals("OK\n", set.out, set.describe());
            Run get = cli("", common, "get", "smoke");
            assertEquals(0, get.exitCode, get.describe());
            assertEquals("hello from " + tls + "\n", get.out, get.describe());

            List<String> watchArgs = new ArrayList<>(List.of("store-cli"));
            watchArgs.addAll(common);
            watchArgs.addAll(List.of("watch", "ready-" + tls, "--timeout-ms", "90000"));
            watch = background(watchArgs.toArray(new String[0]));
            watch.awaitOutput(watch.err, "watching: key=ready-" + tls);
            Run release = cli("", common, "set", "ready-" + tls, "go");
            assertEquals(0, release.exitCode, release.describe());
            assertEquals(0, watch.awaitExit(), watch.describe());
            assertEquals("go\n", watch.out(), watch.describe());

            store.process.destroy(); // SIGTERM
            int exit = store.awaitExit();
            assertEquals(143, exit, "SIGTERM status (128 + 15)\n" + store.describe());
            assertTrue(store.out().endsWith("store stopped: url=" + url + "\n"), store.describe());
            assertTrue(store.err().contains("memfabric: shutting down: stopping the command and the runtime"),
                    store.describe());
            assertFalse(store.err().contains("Exception"), store.describe());
            assertFalse(Files.exists(smokeWork().resolve(StorageDirs.PREFIX + store.process.pid())),
                    "the runtime was stopped and its storage removed\n" + store.describe());
        } finally {
            store.kill();
            if (watch != null) {
                watch.kill();
            }
        }
    }

    @Test
    void shouldServeSetGetAndWatchThroughStoreAndStoreCliProcessesAndStopOnSigterm() throws Exception {
        exerciseStore(List.of(), List.of(), "off");
    }

    @Test
    void shouldServeOverMutualTlsWithDevPkiCertificatesAndAnAesGcmKeyPassword() throws Exception {
        Path dir = Files.createDirectories(DIST.getParent().resolve("smoke-tls"));
        Path pki = Files.createTempDirectory(dir, "pki-");
        Path password = Files.writeString(pki.resolve("password"), "smoke-pass"); // read whole, as passthrough does
        Path certs = pki.resolve("certs");
        Run devPki = memfabric(DEFAULT_JDK, "", Map.of(), "tls", "dev-pki", "--out", certs.toString(),
                "--password-file", password.toString(), "--key-type", "ec");
        assertEquals(0, devPki.exitCode, devPki.describe());
        assertTrue(devPki.out.startsWith("dev pki written: dir=" + certs), devPki.describe());
        Path aesKey = pki.resolve("aes.key");
        Run encrypt = memfabric(DEFAULT_JDK, "smoke-pass\n", Map.of(), "tls", "encrypt-password", "--key-file",
                aesKey.toString(), "--new-key");
        assertEquals(0, encrypt.exitCode, encrypt.describe());
        Path sealed = Files.writeString(pki.resolve("password.aes"), encrypt.out);

        List<String> server = List.of("--tls", "--ca", certs.resolve("ca.pem").toString(),
                "--cert", certs.resolve("server.pem").toString(), "--key", certs.resolve("server.key").toString(),
                "--key-password-file", sealed.toString(), "--decrypt", "aes-gcm",
                "--decrypt-key-file", aesKey.toString());
        List<String> client = List.of("--tls", "--ca", certs.resolve("ca.pem").toString(),
                "--cert", certs.resolve("client.pem").toString(), "--key", certs.resolve("client.key").toString(),
                "--key-password-file", password.toString());
        exerciseStore(server, client, "on");
    }

    @Test
    void shouldExitWith2AndNameTheArgumentWhenStoreGetsABadOption() throws Exception {
        Run run = memfabric(DEFAULT_JDK, "", Map.of(), "store", "--listen", "tcp://127.0.0.1:0", "--world-size",
                "many");

        assertEquals(2, run.exitCode, run.describe());
        assertTrue(run.err.startsWith("store: --world-size must be an integer 0..1024: value=many"), run.describe());
    }
}
