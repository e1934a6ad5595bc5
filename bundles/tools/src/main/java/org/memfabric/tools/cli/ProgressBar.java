package org.memfabric.tools.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on the error stream: {@code [#####.....]  45% label}. Single-threaded. */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final int totalSteps;
    private int done;

    /**
     * Creates a bar.
     *
     * @param err where it is drawn
     * @param totalSteps steps to 100 %
     */
    public ProgressBar(final PrintStream err, final int totalSteps) {
        this.err = err;
        this.totalSteps = Math.max(1, totalSteps);
    }

    /**
     * Advances one step (never past 100 %) and redraws.
     *
     * @param label what the step is
     */
    public void step(final String label) {
        done++;
        final int shown = Math.min(done, totalSteps);
        final int filled = WIDTH * shown / totalSteps;
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %-40s", "#".repeat(filled), ".".repeat(WIDTH - filled),
            100 * shown / totalSteps, label);
        if (done == totalSteps) {
            err.println();
        }
        err.flush();
    }
}
