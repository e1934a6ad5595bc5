package org.memfabric.api.log;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.memfabric.api.Validate;

/**
 * The process-wide log switchboard that every MemFabric bundle logs through.
 *
 * <p>A line goes to exactly one destination, chosen in this order:
 * <ol>
 * <li>the user's {@link ExternalLogger}, when one was installed with {@link #setExternalLogger};</li>
 * <li>the container logger, when a bridge installed one (the {@code org.memfabric.log} bundle bridges to the OSGi
 * LogService or to SLF4J);</li>
 * <li>standard error, in the default line format
 * {@code YYYY-MM-DD HH:MM:SS.uuuuuu LEVEL [pid-tid][MF component] message}.</li>
 * </ol>
 * Lines below the current level ({@link LogLevel#ERROR} by default) are dropped before any formatting. CR and LF
 * are removed from messages so that one call always gives one line.
 *
 * <p>Thread-safe: the level and the destinations are volatile and may be changed while other threads log.
 */
public final class FabricLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final long PID = ProcessHandle.current().pid();

    private static volatile LogLevel level = LogLevel.ERROR;
    private static volatile ExternalLogger externalLogger;
    private static volatile ExternalLogger containerLogger;
    private static volatile PrintStream defaultStream = System.err;

    private FabricLog() {
    }

    /**
     * Sets the level ({@code smem_set_log_level}).
     *
     * @param newLevel the level
     */
    public static void setLevel(final LogLevel newLevel) {
        level = Validate.notNull("level", newLevel);
    }

    /**
     * The current level.
     *
     * @return the level
     */
    public static LogLevel level() {
        return level;
    }

    /**
     * Installs the user's logger, replacing any previous one ({@code smem_set_extern_logger}).
     *
     * @param logger the logger; null is rejected as in the original
     */
    public static void setExternalLogger(final ExternalLogger logger) {
        externalLogger = Validate.notNull("logger", logger);
    }

    /** Removes the user's logger; lines go to the container logger or the default output again. */
    public static void clearExternalLogger() {
        externalLogger = null;
    }

    /**
     * Installs or removes the container bridge. Meant for bridge bundles, not for applications.
     *
     * @param logger the bridge, or null to remove it
     */
    public static void setContainerLogger(final ExternalLogger logger) {
        containerLogger = logger;
    }

    /**
     * Removes the container bridge only if it is still {@code logger}, so that a late-stopping bridge cannot remove
     * its successor.
     *
     * @param logger the bridge that is going away
     */
    public static void clearContainerLogger(final ExternalLogger logger) {
        if (containerLogger == logger) {
            containerLogger = null;
        }
    }

    /**
     * Redirects the default output (standard error unless changed). Meant for tools and tests.
     *
     * @param stream the stream
     */
    public static void setDefaultStream(final PrintStream stream) {
        defaultStream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Whether lines at {@code lineLevel} are currently logged.
     *
     * @param lineLevel the level of a prospective line
     * @return true when it would be logged
     */
    public static boolean isEnabled(final LogLevel lineLevel) {
        return lineLevel.code() >= level.code();
    }

    /**
     * Logs one line.
     *
     * @param lineLevel the level
     * @param component the short component name shown in the default format, e.g. {@code "bm"}
     * @param message the message
     */
    public static void log(final LogLevel lineLevel, final String component, final String message) {
        if (!isEnabled(lineLevel)) {
            return;
        }
        final String clean = stripLineBreaks(message);
        final ExternalLogger user = externalLogger;
        if (user != null) {
            user.log(lineLevel, clean);
            return;
        }
        final ExternalLogger container = containerLogger;
        if (container != null) {
            container.log(lineLevel, "[" + component + "] " + clean);
            return;
        }
        defaultStream.println(formatDefault(lineLevel, component, clean));
    }

    /**
     * Formats a line in the default format.
     *
     * @param lineLevel the level
     * @param component the component
     * @param message the message, already free of line breaks
     * @return the line
     */
    public static String formatDefault(final LogLevel lineLevel, final String component, final String message) {
        return LocalDateTime.now().format(TIME) + ' ' + lineLevel.name() + " [" + PID + '-'
            + Thread.currentThread().getId() + "][MF " + component + "] " + message;
    }

    static String stripLineBreaks(final String message) {
        if (message == null) {
            return "null";
        }
        if (message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            return message;
        }
        return message.replace("\r", "").replace("\n", " ");
    }
}
