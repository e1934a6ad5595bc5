package org.memfabric.api.log;

import java.util.function.Supplier;

/**
 * A named logger that writes through {@link FabricLog}. Cheap to create, immutable, thread-safe.
 */
public final class FabricLogger {
    private final String component;

    private FabricLogger(final String component) {
        this.component = component;
    }

    /**
     * Returns a logger for a component.
     *
     * @param component the short name shown in log lines, e.g. {@code "store"}
     * @return the logger
     */
    public static FabricLogger of(final String component) {
        return new FabricLogger(component);
    }

    /**
     * The component name.
     *
     * @return the name
     */
    public String component() {
        return component;
    }

    /**
     * Logs at debug, building the message only when debug is enabled.
     *
     * @param message the message supplier
     */
    public void debug(final Supplier<String> message) {
        if (FabricLog.isEnabled(LogLevel.DEBUG)) {
            FabricLog.log(LogLevel.DEBUG, component, message.get());
        }
    }

    /**
     * Logs at info.
     *
     * @param message the message
     */
    public void info(final String message) {
        FabricLog.log(LogLevel.INFO, component, message);
    }

    /**
     * Logs at warn.
     *
     * @param message the message
     */
    public void warn(final String message) {
        FabricLog.log(LogLevel.WARN, component, message);
    }

    /**
     * Logs at error.
     *
     * @param message the message
     */
    public void error(final String message) {
        FabricLog.log(LogLevel.ERROR, component, message);
    }

    /**
     * Logs at error with the failure's class and message appended.
     *
     * @param message the message
     * @param failure the failure
     */
    public void error(final String message, final Throwable failure) {
        FabricLog.log(LogLevel.ERROR, component, message + ": " + failure);
    }
}
