package org.memfabric.api;

/**
 * A resource such as a listen port or a memory range is already in use.
 */
public class ResourceInUseException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_RESOURCE_IN_USE}.
     *
     * @param message the {@code what: key=value} message
     */
    public ResourceInUseException(final String message) {
        super(ErrorCode.SM_RESOURCE_IN_USE, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_RESOURCE_IN_USE} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public ResourceInUseException(final String message, final Throwable cause) {
        super(ErrorCode.SM_RESOURCE_IN_USE, message, cause);
    }
}
