package org.memfabric.api;

/**
 * A data transfer failed in a transport: the peer is gone, the link broke, the transport was stopped while the
 * copy was in flight, or the owner refused the range. The message names the transport, the peer and the range.
 */
public class TransportException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    private final String transport;
    private final int peerRank;

    /**
     * Creates the exception with code {@link ErrorCode#SM_ERROR}.
     *
     * @param transport the transport name, e.g. {@code "tcp"}
     * @param peerRank the peer rank, or -1 when the peer has no rank (TRANS peers are named by unique id)
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure, or null
     */
    public TransportException(
        final String transport, final int peerRank, final String message, final Throwable cause) {
        super(ErrorCode.SM_ERROR, Category.ERROR, message, cause);
        this.transport = transport;
        this.peerRank = peerRank;
    }

    /**
     * The name of the transport that failed.
     *
     * @return the transport name
     */
    public String transport() {
        return transport;
    }

    /**
     * The peer rank, or -1.
     *
     * @return the rank
     */
    public int peerRank() {
        return peerRank;
    }
}
