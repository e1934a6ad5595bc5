package org.memfabric.configstore.wire;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;

/**
 * Bytes that do not follow the wire format: a truncated or oversized frame, a bad handshake, an undecodable store
 * message. Carries {@link ErrorCode#STORE_INVALID_MESSAGE}.
 */
public final class WireFormatException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message {@code what: key=value} text
     */
    public WireFormatException(final String message) {
        super(ErrorCode.STORE_INVALID_MESSAGE, "", message, null);
    }
}
