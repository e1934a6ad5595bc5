package org.memfabric.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards MemFabric log lines to SLF4J (logger name {@code org.memfabric}), for applications outside OSGi that
 * use SLF4J. Install it with {@link Slf4jBridge#installIfPresent()}. Thread-safe.
 */
public final class Slf4jLogger extends LevelSplitLogger {
    /** The SLF4J logger name every line is logged under. */
    public static final String LOGGER_NAME = "org.memfabric";

    private final Logger logger;

    /** Creates the bridge for logger {@value #LOGGER_NAME}. */
    public Slf4jLogger() {
        this.logger = LoggerFactory.getLogger(LOGGER_NAME);
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
