package org.memfabric.api;

/**
 * An object with the same id already exists in this process (BM id, SHM id, TRANS unique id).
 */
public class DuplicateObjectException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_DUPLICATED_OBJECT}.
     *
     * @param message the {@code what: key=value} message
     */
    public DuplicateObjectException(final String message) {
        super(ErrorCode.SM_DUPLICATED_OBJECT, message);
    }

    /**
     * Creates the exception with code {@link ErrorCode#SM_DUPLICATED_OBJECT} and a cause.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public DuplicateObjectException(final String message, final Throwable cause) {
        super(ErrorCode.SM_DUPLICATED_OBJECT, message, cause);
    }
}
