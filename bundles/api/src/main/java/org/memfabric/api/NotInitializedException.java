package org.memfabric.api;

/**
 * The module was used before its {@code init} (or after its {@code uninit}).
 */
public class NotInitializedException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_NOT_INITIALIZED}.
     *
     * @param message the {@code what: key=value} message
     */
    public NotInitializedException(final String message) {
        super(ErrorCode.SM_NOT_INITIALIZED, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_NOT_INITIALIZED} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public NotInitializedException(final String message, final Throwable cause) {
        super(ErrorCode.SM_NOT_INITIALIZED, message, cause);
    }
}
