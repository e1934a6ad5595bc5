package org.memfabric.api;

/**
 * The handle or object named in the call is unknown or already destroyed.
 */
public class ObjectNotFoundException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_OBJECT_NOT_EXISTS}.
     *
     * @param message the {@code what: key=value} message
     */
    public ObjectNotFoundException(final String message) {
        super(ErrorCode.SM_OBJECT_NOT_EXISTS, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_OBJECT_NOT_EXISTS} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public ObjectNotFoundException(final String message, final Throwable cause) {
        super(ErrorCode.SM_OBJECT_NOT_EXISTS, message, cause);
    }
}
