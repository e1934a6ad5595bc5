package org.memfabric.api;

/**
 * A deadline passed: a blocking store read, a barrier, a join lock or a copy did not finish in its timeout.
 * Code {@link ErrorCode#SM_TIMEOUT}, or {@link ErrorCode#STORE_TIMEOUT} when the store itself reported it.
 */
public class OperationTimeoutException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with code {@link ErrorCode#SM_TIMEOUT}.
     *
     * @param message the {@code what: key=value} message
     */
    public OperationTimeoutException(final String message) {
        super(ErrorCode.SM_TIMEOUT, message);
    }

    /**
     * Creates the exception with a given code of the timeout family.
     *
     * @param code {@link ErrorCode#SM_TIMEOUT}, {@link ErrorCode#STORE_TIMEOUT} or {@link ErrorCode#BM_TIMEOUT}
     * @param message the {@code what: key=value} message
     */
    public OperationTimeoutException(final ErrorCode code, final String message) {
        super(code, message);
    }
}
