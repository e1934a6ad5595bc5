package org.memfabric.log;

import org.memfabric.api.log.ExternalLogger;
import org.memfabric.api.log.LogLevel;
import org.osgi.service.log.Logger;

/**
 * Forwards MemFabric log lines to an OSGi {@link Logger} (LogService 1.4+). Stateless apart from the logger;
 * thread-safe as the logger is.
 */
public final class LogServiceLogger implements ExternalLogger {
    private final Logger logger;

    /**
     * Creates the bridge.
     *
     * @param logger the OSGi logger lines go to
     */
    public LogServiceLogger(final Logger logger) {
        this.logger = logger;
    }

    @Override
    public void log(final LogLevel level, final String message) {
        switch (level) {
            case DEBUG:
                logger.debug(message);
                break;
            case INFO:
                logger.info(message);
                break;
            case WARN:
                logger.warn(message);
                break;
            default:
                logger.error(message);
                break;
        }
    }
}
