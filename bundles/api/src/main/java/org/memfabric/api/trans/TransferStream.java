package org.memfabric.api.trans;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An ordered queue of asynchronous transfers (the {@code stream} argument of {@code smem_trans_*_submit}):
 * transfers submitted to one stream complete in submission order. Thread-safe.
 */
@ProviderType
public interface TransferStream extends AutoCloseable {
    /**
     * Waits until every transfer submitted so far has completed.
     *
     * @throws org.memfabric.api.MemFabricException the first failure among them
     */
    void synchronize();

    /**
     * Transfers submitted and not yet completed.
     *
     * @return the count
     */
    int pending();

    /** Synchronizes, then releases the stream. */
    @Override
    void close();
}
