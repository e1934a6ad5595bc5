package org.memfabric.log;

import org.memfabric.api.log.ExternalLogger;
import org.memfabric.api.log.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards MemFabric log lines to SLF4J (logger name {@code org.memfabric}), for applications outside OSGi that
 * use SLF4J. Install it with {@link Slf4jBridge#installIfPresent()}. Thread-safe.
 */
public final class Slf4jLogger implements ExternalLogger {
    /** The SLF4J logger name every line is logged under. */
    public static final String LOGGER_NAME = "org.memfabric";

    private final Logger logger;

    /** Creates the bridge for logger {@value #LOGGER_NAME}. */
    public Slf4jLogger() {
        this.logger = LoggerFactory.getLogger(LOGGER_NAME);
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
