package org.memfabric.api;

/**
 * An argument is null, empty, out of range or malformed ({@link ErrorCode#SM_INVALID_PARAM}). The message names
 * the argument and the offending value, e.g. {@code "worldSize must be 1..1024: worldSize=0"}.
 */
public class InvalidArgumentException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the {@code what: key=value} message
     */
    public InvalidArgumentException(final String message) {
        super(ErrorCode.SM_INVALID_PARAM, message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public InvalidArgumentException(final String message, final Throwable cause) {
        super(ErrorCode.SM_INVALID_PARAM, message, cause);
    }

    /**
     * Creates the exception with another code of the invalid-argument family, e.g.
     * {@link ErrorCode#STORE_INVALID_KEY} or {@link ErrorCode#BM_INVALID_PARAM}.
     *
     * @param code the code
     * @param message the {@code what: key=value} message
     */
    public InvalidArgumentException(final ErrorCode code, final String message) {
        super(code, message);
    }
}
