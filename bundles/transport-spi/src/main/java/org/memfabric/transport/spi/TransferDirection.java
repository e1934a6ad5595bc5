package org.memfabric.transport.spi;

/** The direction of a one-sided {@link TransferOp}, seen from the requester. */
public enum TransferDirection {
    /** Local bytes go into the remote region (a put). */
    WRITE,
    /** Remote bytes come into the local buffer (a get). */
    READ
}
