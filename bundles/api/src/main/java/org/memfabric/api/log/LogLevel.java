package org.memfabric.api.log;

import org.memfabric.api.Validate;

/** Log levels of the C API: 0 debug, 1 info, 2 warn, 3 error. The default level is {@link #ERROR}. */
public enum LogLevel {
    /** Level 0. */
    DEBUG(0),
    /** Level 1. */
    INFO(1),
    /** Level 2. */
    WARN(2),
    /** Level 3. */
    ERROR(3);

    private final int code;

    LogLevel(final int code) {
        this.code = code;
    }

    /**
     * The numeric level of the C API.
     *
     * @return 0..3
     */
    public int code() {
        return code;
    }

    /**
     * Maps a numeric level of the C API.
     *
     * @param level 0..3
     * @return the level
     * @throws org.memfabric.api.InvalidArgumentException when the level is outside 0..3
     */
    public static LogLevel of(final int level) {
        Validate.inRange("level", level, 0, 3);
        return values()[level];
    }
}
