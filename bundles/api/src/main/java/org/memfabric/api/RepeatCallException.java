package org.memfabric.api;

/**
 * The call may be made only once, e.g. a second exit handler registration.
 */
public class RepeatCallException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_REPEAT_CALL}.
     *
     * @param message the {@code what: key=value} message
     */
    public RepeatCallException(final String message) {
        super(ErrorCode.SM_REPEAT_CALL, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_REPEAT_CALL} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public RepeatCallException(final String message, final Throwable cause) {
        super(ErrorCode.SM_REPEAT_CALL, message, cause);
    }
}
