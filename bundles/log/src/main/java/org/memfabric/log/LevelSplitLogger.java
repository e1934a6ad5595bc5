package org.memfabric.log;

import org.memfabric.api.log.ExternalLogger;
import org.memfabric.api.log.LogLevel;

/**
 * Base of the bridges to logging APIs that have one method per level: routes each {@link LogLevel} to the
 * matching method. Thread-safe as the subclass's target logger is.
 */
abstract class LevelSplitLogger implements ExternalLogger {
    @Override
    public final void log(final LogLevel level, final String message) {
        switch (level) {
            case DEBUG:
                debug(message);
                break;
            case INFO:
                info(message);
                break;
            case WARN:
                warn(message);
                break;
            default:
                error(message);
                break;
        }
    }

    abstract void debug(String message);

    abstract void info(String message);

    abstract void warn(String message);

    abstract void error(String message);
}
