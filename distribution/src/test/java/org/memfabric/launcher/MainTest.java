package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.launcher.testbundles.EchoToolActivator;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Environment environment = new Environment(home, home.resolve("work"));
        return Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CommandTable.standard());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintUsageAndTheReasonAndExitWith2WhenTheSubcommandIsUnknownAndTheRuntimeCannotStart() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().startsWith("unknown subcommand: name=frobnicate\n"
                + "tool commands unavailable: the runtime did not start: cause=bundles directory missing: path="
                + home.resolve("bundles") + "\nusage: memfabric"), err());
    }

    @Test
    void shouldRunAToolCommandOfABundleAndExitWithItsCode() throws Exception {
        TestBundles.echoTool(Files.createDirectories(home.resolve("bundles")), "test.echo");

        assertEquals(EchoToolActivator.EXIT_CODE, run("echo", "store", "--clients", "8"), out() + err());

        assertEquals("echo: store --clients 8\n", out());
        try (Stream<Path> left = Files.list(home.resolve("work"))) {
            assertTrue(left.findAny().isEmpty(), "the runtime was stopped and its storage removed");
        }
    }

    @Test
    void shouldExitWith1AndPrintTheFailureWhenAToolCommandThrows() throws Exception {
        TestBundles.echoTool(Files.createDirectories(home.resolve("bundles")), "test.echo");

        assertEquals(1, run("echo", "throw"));

        assertTrue(err().startsWith("memfabric echo failed: java.lang.IllegalStateException: echo refused: argument=throw"),
                err());
    }

    @Test
    void shouldListTheToolCommandsFoundWhenTheSubcommandIsUnknown() throws Exception {
        TestBundles.echoTool(Files.createDirectories(home.resolve("bundles")), "test.echo");

        assertEquals(2, run("frobnicate"));

        assertTrue(err().startsWith("unknown subcommand: name=frobnicate\nusage: memfabric"), err());
        assertTrue(err().contains("tool commands (from bundles;"), err());
        assertTrue(err().contains("\n  echo       " + EchoToolActivator.SUMMARY + "\n"), err());
    }

    @Test
    void shouldListToolCommandsInHelp() throws Exception {
        TestBundles.echoTool(Files.createDirectories(home.resolve("bundles")), "test.echo");

        assertEquals(0, run("help"));

        assertTrue(out().contains("\n  echo       " + EchoToolActivator.SUMMARY + "\n"), out());
    }

    @Test
    void shouldPrintUsageAndExitWith2WhenNoSubcommandIsGiven() {
        assertEquals(2, run());
        assertTrue(err().contains("usage: memfabric"), err());
    }

    @Test
    void shouldListEverySubcommandInHelp() {
        assertEquals(0, run("help"));
        for (String name : List.of("doctor", "version", "shell", "help")) {
            assertTrue(out().contains("\n  " + name + " "), "missing " + name + " in:\n" + out());
        }
        assertTrue(out().contains("tool commands unavailable: the runtime did not start"), out());
    }

    @Test
    void shouldExitWith2WhenASubcommandGetsAnUnexpectedArgument() {
        assertEquals(2, run("version", "--verbose"));
        assertTrue(err().startsWith("unexpected argument: command=version value=--verbose"), err());
    }

    @Test
    void shouldPrintTheProductAndFelixVersions() {
        assertEquals(0, run("version"));
        assertTrue(out().startsWith("MemFabric for Java " + ProductVersion.product() + "\n"), out());
        assertTrue(out().contains("Felix framework " + ProductVersion.builtWithFelix() + "\n"), out());
    }

    @Test
    void shouldRejectARegistrationUnderATakenName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandTable.standard().register(new HelpCommand()));
        assertEquals("duplicate subcommand: name=help", e.getMessage());
    }

    @Test
    void shouldExitWith0FromDoctorWhenEveryBundleIsActiveAndListTheSections() throws Exception {
        TestBundles.plain(Files.createDirectories(home.resolve("bundles")), "test.fine");

        assertEquals(0, run("doctor"), out() + err());

        assertTrue(out().contains("test.fine"), out());
        assertTrue(out().contains("Transports (0):"), out());
        assertTrue(out().contains("MISSING  org.memfabric.api.bm.BigMemoryService"), out());
        assertTrue(out().contains("Result: OK (2 bundles, all active)"), out());
    }

    @Test
    void shouldExitWith1FromDoctorAndSayWhyWhenABundleDoesNotResolve() throws Exception {
        TestBundles.importing(Files.createDirectories(home.resolve("bundles")), "test.needy",
                "org.example.nowhere");

        assertEquals(1, run("doctor"), out() + err());

        assertTrue(out().contains("INSTALLED   test.needy"), out());
        assertTrue(out().contains("reason: ") && out().contains("org.example.nowhere"), out());
        assertTrue(out().contains("Result: PROBLEM (1 of 2 bundles not active, 0 jars not installed)"), out());
    }

    @Test
    void shouldExitWith1AndNameTheDirectoryWhenBundlesAreMissing() {
        assertEquals(1, run("doctor"));
        assertTrue(err().contains("bundles directory missing: path=" + home.resolve("bundles")), err());
    }
}
