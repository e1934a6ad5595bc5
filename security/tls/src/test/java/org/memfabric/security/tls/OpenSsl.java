package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line for interoperability tests; skips visibly when it is not installed. */
final class OpenSsl {
    private OpenSsl() {
    }

    static boolean available() {
        try {
            final Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assumeAvailable() {
        assumeTrue(available(), "openssl command not installed: interoperability test skipped");
    }

    /** Runs {@code openssl args...} and fails with its output when it does not exit 0 within 30 s. */
    static void run(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final boolean done = p.waitFor(30, TimeUnit.SECONDS);
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl failed: command=" + command + ", output=" + output);
        }
    }
}
