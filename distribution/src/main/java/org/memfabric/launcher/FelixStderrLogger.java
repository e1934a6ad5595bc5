package org.memfabric.launcher;

import org.apache.felix.framework.Logger;

/**
 * Sends the Felix framework's own log lines to standard error, prefixed {@code felix:}, so that they never mix
 * with a subcommand's standard output. Felix may call it from any framework thread; it only writes to
 * {@link System#err}, which is thread-safe.
 */
final class FelixStderrLogger extends Logger {

    /** Felix framework property that takes a logger object. */
    static final String PROPERTY = "felix.log.logger";

    @Override
    protected void doLogOut(int level, String msg, Throwable throwable) {
        StringBuilder line = new StringBuilder("felix: ").append(levelName(level)).append(": ").append(msg);
        if (throwable != null) {
            line.append(" (").append(throwable).append(')');
        }
        System.err.println(line);
    }

    private static String levelName(int level) {
        switch (level) {
            case LOG_ERROR:
                return "ERROR";
            case LOG_WARNING:
                return "WARNING";
            case LOG_INFO:
                return "INFO";
            default:
                return "DEBUG";
        }
    }
}
