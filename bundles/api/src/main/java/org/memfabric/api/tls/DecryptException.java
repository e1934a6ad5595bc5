package org.memfabric.api.tls;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;

/** A {@link DecryptHandler} could not decrypt a password. Code {@link ErrorCode#SM_ERROR}. */
public class DecryptException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the {@code what: key=value} message (never the secret itself)
     * @param cause the underlying failure, or null
     */
    public DecryptException(final String message, final Throwable cause) {
        super(ErrorCode.SM_ERROR, message, cause);
    }
}
