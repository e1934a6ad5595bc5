package org.memfabric.tools.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of a benchmark run on the error stream, each with the time since the run started. One thread. */
final class Progress {
    private final PrintStream err;
    private final long startNs = System.nanoTime();

    Progress(final PrintStream err) {
        this.err = err;
    }

    /**
     * Prints one progress line.
     *
     * @param message what is happening
     */
    void say(final String message) {
        err.println(String.format(Locale.ROOT, "bench [%7.1f s] %s", (System.nanoTime() - startNs) / 1e9, message));
        err.flush();
    }
}
