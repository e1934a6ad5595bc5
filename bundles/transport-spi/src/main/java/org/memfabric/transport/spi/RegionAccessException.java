package org.memfabric.transport.spi;

import org.memfabric.api.TransportException;

/**
 * The owner of a region refused a remote request before touching memory: the region is unknown (never registered,
 * or deregistered), the key does not match, or the range lies outside what was registered. The message names the
 * transport, the peer, the region and the range.
 */
public class RegionAccessException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** Why the owner refused. */
    public enum Refusal {
        /** No region with that id is registered (any longer). */
        UNKNOWN_REGION,
        /** The access key does not match the registered region's key. */
        KEY_MISMATCH,
        /** The range is not inside the registered region. */
        OUT_OF_BOUNDS
    }

    private final Refusal refusal;

    /**
     * Creates the exception.
     *
     * @param transport the transport name
     * @param peerRank the rank of the peer that refused, or -1
     * @param refusal why the owner refused
     * @param message the {@code what: key=value} message
     */
    public RegionAccessException(final String transport, final int peerRank, final Refusal refusal,
        final String message) {
        super(transport, peerRank, message, null);
        this.refusal = java.util.Objects.requireNonNull(refusal, "refusal");
    }

    /**
     * Why the owner refused.
     *
     * @return the refusal
     */
    public Refusal refusal() {
        return refusal;
    }
}
