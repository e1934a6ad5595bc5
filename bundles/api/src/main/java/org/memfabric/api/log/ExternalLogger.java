package org.memfabric.api.log;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A user-supplied log function ({@code smem_set_extern_logger(void (*func)(int level, const char *msg))}).
 * Once installed it receives every line at or above the current level instead of the default output.
 *
 * <p>Called on whatever thread logs; implementations must be thread-safe and must not block for long.
 */
@ConsumerType
@FunctionalInterface
public interface ExternalLogger {
    /**
     * Receives one log line.
     *
     * @param level the level
     * @param message the message, with CR removed and LF turned into a space
     */
    void log(LogLevel level, String message);
}
