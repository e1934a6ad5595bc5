package org.memfabric.api;

/**
 * The object is not in the state the call needs, e.g. a copy before {@code join} or a {@code leave} without join.
 */
public class NotStartedException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_NOT_STARTED}.
     *
     * @param message the {@code what: key=value} message
     */
    public NotStartedException(final String message) {
        super(ErrorCode.SM_NOT_STARTED, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_NOT_STARTED} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public NotStartedException(final String message, final Throwable cause) {
        super(ErrorCode.SM_NOT_STARTED, message, cause);
    }
}
