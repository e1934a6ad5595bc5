package org.memfabric.api.trans;

/** Direction of a transfer (Python {@code TransferOpcode}). */
public enum TransferOpcode {
    /** Peer memory to local memory. */
    READ,
    /** Local memory to peer memory. */
    WRITE
}
