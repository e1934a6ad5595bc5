package org.memfabric.security.tls;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;

/**
 * TLS material or settings are missing, unreadable or refused ({@link ErrorCode#SM_INVALID_PARAM}). The message
 * names the file and the reason in the form {@code what: key=value, key=value}, for example
 * {@code "tls certificate expired: file=/etc/memfabric/server.pem, role=certificate, notAfter=2025-01-01T00:00:00Z"}.
 * It never contains a password or key bytes.
 */
public class TlsConfigException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the {@code what: key=value} message
     */
    public TlsConfigException(final String message) {
        super(ErrorCode.SM_INVALID_PARAM, message);
    }

    /**
     * Creates the exception with the failure it explains.
     *
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure
     */
    public TlsConfigException(final String message, final Throwable cause) {
        super(ErrorCode.SM_INVALID_PARAM, message, cause);
    }
}
