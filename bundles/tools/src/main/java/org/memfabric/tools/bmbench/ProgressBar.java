package org.memfabric.tools.bmbench;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on the error stream: {@code [#####.....]  45% label}. Single-threaded. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final int totalSteps;
    private int done;

    ProgressBar(final PrintStream err, final int totalSteps) {
        this.err = err;
        this.totalSteps = Math.max(1, totalSteps);
    }

    void step(final String label) {
        done++;
        final int filled = WIDTH * done / totalSteps;
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %-40s", "#".repeat(filled), ".".repeat(WIDTH - filled),
            100 * done / totalSteps, label);
        if (done == totalSteps) {
            err.println();
        }
        err.flush();
    }
}
