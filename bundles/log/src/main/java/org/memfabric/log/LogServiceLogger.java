package org.memfabric.log;

import org.osgi.service.log.Logger;

/**
 * Forwards MemFabric log lines to an OSGi {@link Logger} (LogService 1.4+). Stateless apart from the logger;
 * thread-safe as the logger is.
 */
public final class LogServiceLogger extends LevelSplitLogger {
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
    void debug(final String message) {
        logger.debug(message);
    }

    @Override
    void info(final String message) {
        logger.info(message);
    }

    @Override
    void warn(final String message) {
        logger.warn(message);
    }

    @Override
    void error(final String message) {
        logger.error(message);
    }
}
