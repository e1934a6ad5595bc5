package org.memfabric.tools.cli;

/**
 * A tool was given a command line it does not take. The message names the argument at fault in the house form
 * {@code what: key=value}; the tool prints it with its usage and exits with
 * {@link org.memfabric.launcher.spi.ToolCommand#EXIT_USAGE}.
 */
public final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was wrong, {@code what: key=value}
     */
    public UsageError(final String message) {
        super(message);
    }
}
