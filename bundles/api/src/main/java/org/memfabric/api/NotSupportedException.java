package org.memfabric.api;

/**
 * The capability is not available: either it is not implemented yet in this version (the message and
 * {@link #plannedIn()} say which issue brings it) or this host lacks what it needs (the message says what).
 * Code {@link ErrorCode#SM_NOT_SUPPORTED}.
 */
public class NotSupportedException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    private final String plannedIn;

    /**
     * Creates the exception for a capability this host cannot provide.
     *
     * @param message the {@code what: key=value} message
     */
    public NotSupportedException(final String message) {
        super(ErrorCode.SM_NOT_SUPPORTED, message);
        this.plannedIn = "";
    }

    /**
     * Creates the exception for a capability this host cannot provide, with the probe failure that shows why.
     *
     * @param message the {@code what: key=value} message
     * @param cause the failure of the probe, e.g. an {@link UnsatisfiedLinkError} naming the missing library
     */
    public NotSupportedException(final String message, final Throwable cause) {
        super(ErrorCode.SM_NOT_SUPPORTED, message, cause);
        this.plannedIn = "";
    }

    private NotSupportedException(final String message, final String plannedIn) {
        super(ErrorCode.SM_NOT_SUPPORTED, message);
        this.plannedIn = plannedIn;
    }

    /**
     * Creates the exception for a capability that a later version brings.
     *
     * @param operation the API operation, e.g. {@code "BigMemory.copy"}
     * @param plannedIn where it is planned, e.g. {@code "issue #4 (BM data plane)"}
     * @return the exception
     */
    public static NotSupportedException notYet(final String operation, final String plannedIn) {
        return new NotSupportedException(
            "not supported yet: operation=" + operation + ", plannedIn=" + plannedIn, plannedIn);
    }

    /**
     * Where the missing capability is planned, or an empty string when it is a host limitation.
     *
     * @return the plan reference
     */
    public String plannedIn() {
        return plannedIn;
    }
}
