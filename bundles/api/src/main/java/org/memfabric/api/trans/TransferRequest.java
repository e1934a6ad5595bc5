package org.memfabric.api.trans;

import org.memfabric.api.Validate;

/**
 * One element of a batch transfer: a local address, an address inside the peer's registered memory (the peer's own
 * virtual address), and a length. Immutable.
 */
public final class TransferRequest {
    private final long localAddress;
    private final long remoteAddress;
    private final long length;

    /**
     * Creates a request.
     *
     * @param localAddress the local address, non-zero
     * @param remoteAddress the peer address, non-zero
     * @param length bytes, positive
     */
    public TransferRequest(final long localAddress, final long remoteAddress, final long length) {
        Validate.isTrue(localAddress != 0, "transfer local address must not be null: localAddr=0");
        Validate.isTrue(remoteAddress != 0, "transfer remote address must not be null: remoteAddr=0");
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.length = Validate.positive("length", length);
    }

    /**
     * The local address.
     *
     * @return the address
     */
    public long localAddress() {
        return localAddress;
    }

    /**
     * The peer's address.
     *
     * @return the address
     */
    public long remoteAddress() {
        return remoteAddress;
    }

    /**
     * The length in bytes.
     *
     * @return the length
     */
    public long length() {
        return length;
    }

    @Override
    public String toString() {
        return "TransferRequest[local=0x" + Long.toHexString(localAddress) + ", remote=0x"
            + Long.toHexString(remoteAddress) + ", length=" + length + "]";
    }
}
