package org.memfabric.configstore.wire;

/**
 * The store operation carried in a {@link StoreMessage}, with the numbers of the original wire format.
 *
 * <p>{@link #UNWATCH} is an extension of this implementation: servers of the original reject it as an invalid
 * message ({@code -400}), which our client takes as "the server keeps no waiter to cancel".
 */
public enum MessageType {
    /** Store a value. */
    SET(0),
    /** Read a value, waiting per the request's timeout. */
    GET(1),
    /** Add to a decimal counter. */
    ADD(2),
    /** Delete a key. */
    REMOVE(3),
    /** Append bytes. */
    APPEND(4),
    /** Compare-and-swap. */
    CAS(5),
    /** Write bytes at an offset. */
    WRITE(6),
    /** Subscribe this link to rank-down pushes. */
    WATCH_RANK_STATE(7),
    /** Liveness ping, never answered. */
    HEARTBEAT(8),
    /** The original's "invalid" marker; always answered with an invalid-message error. */
    INVALID(9),
    /** Extension: cancel the parked GET whose sequence number is in {@code userDef}. */
    UNWATCH(10);

    private static final MessageType[] BY_CODE = values();

    private final short code;

    MessageType(final int code) {
        this.code = (short) code;
    }

    /**
     * The wire number.
     *
     * @return the code
     */
    public short code() {
        return code;
    }

    /**
     * Looks up a wire number.
     *
     * @param code the number read from the wire
     * @return the type, or null when the number is unknown
     */
    public static MessageType fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
