package org.memfabric.api;

import java.util.Objects;

/**
 * Root of every failure MemFabric reports. Unchecked, carries the original numeric {@link ErrorCode} and a
 * {@link Category}.
 *
 * <p>Messages follow the house form {@code what: key=value, key=value}, for example
 * {@code "copy range outside the global window: gva=0x280000200000, size=4096, rank=3"}.
 *
 * <p>Every exception that leaves a public API method is also recorded as the calling thread's last error
 * ({@link LastError}), so code ported from the C API can keep calling {@code getLastErrMsg()}.
 */
public class MemFabricException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How severe a failure is for the process that sees it. */
    public enum Category {
        /** The fabric in this process cannot continue; close and re-initialise. */
        FATAL,
        /** The operation failed; the fabric keeps working. */
        ERROR,
        /** The operation failed in a way that is expected to be transient or advisory. */
        WARN
    }

    private final ErrorCode errorCode;
    private final Category category;

    /**
     * Creates an exception of category {@link Category#ERROR}.
     *
     * @param errorCode the code
     * @param message the {@code what: key=value} message
     */
    public MemFabricException(final ErrorCode errorCode, final String message) {
        this(errorCode, Category.ERROR, message, null);
    }

    /**
     * Creates an exception of category {@link Category#ERROR} with a cause.
     *
     * @param errorCode the code
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure, or null
     */
    public MemFabricException(final ErrorCode errorCode, final String message, final Throwable cause) {
        this(errorCode, Category.ERROR, message, cause);
    }

    /**
     * Creates an exception.
     *
     * @param errorCode the code
     * @param category the severity
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure, or null
     */
    public MemFabricException(
        final ErrorCode errorCode, final Category category, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.category = Objects.requireNonNull(category, "category");
    }

    /**
     * The code, as the original C API would have returned it.
     *
     * @return the code
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * The numeric value of {@link #errorCode()}.
     *
     * @return the number
     */
    public int code() {
        return errorCode.code();
    }

    /**
     * The severity.
     *
     * @return the category
     */
    public Category category() {
        return category;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + errorCode + " " + errorCode.code() + ", " + category + "]: "
            + getMessage();
    }
}
