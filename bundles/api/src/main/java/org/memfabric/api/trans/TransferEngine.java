package org.memfabric.api.trans;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A point-to-point transfer engine ({@code smem_trans_t}, Python {@code TransferEngine}), identified by a unique id
 * {@code ip:port} or {@code [v6]:port}. Peers read and write each other's registered memory; remote addresses are
 * the peer's own virtual addresses inside memory it registered, checked by the owner.
 *
 * <p>A region is usable by peers as soon as {@link #registerMem} returns. Thread-safe.
 */
@ProviderType
public interface TransferEngine extends AutoCloseable {
    /**
     * This engine's unique id.
     *
     * @return {@code ip:port} or {@code [v6]:port}
     */
    String uniqueId();

    /**
     * Registers local memory for peers to access ({@code smem_trans_register_mem}).
     *
     * @param address the start address
     * @param capacity the size in bytes
     * @param flags reserved, 0
     */
    void registerMem(long address, long capacity, int flags);

    /**
     * Registers a direct buffer's memory (position to limit).
     *
     * @param buffer a direct buffer
     */
    void registerMem(ByteBuffer buffer);

    /**
     * Registers several regions at once; adjacent and overlapping ranges are merged
     * ({@code smem_trans_batch_register_mem}).
     *
     * @param addresses start addresses
     * @param capacities sizes in bytes, same length as {@code addresses}
     * @param flags reserved, 0
     */
    void batchRegisterMem(long[] addresses, long[] capacities, int flags);

    /**
     * Allocates shareable host memory and registers it at once, the counterpart of {@code smem_trans_malloc} (a Java
     * addition: the original returns a raw pointer). The memory is a memfd segment, so peers on the same host copy
     * it with the shared-memory transport and peers elsewhere over TCP. It is released by
     * {@link #deregisterMem(long)} with the buffer's address, or when the engine is destroyed; the buffer must not be
     * touched afterwards.
     *
     * @param sizeBytes a positive multiple of 2 MiB, at most {@code Integer.MAX_VALUE} rounded down to 2 MiB
     * @return a direct buffer over the whole allocation, position 0, capacity {@code sizeBytes}
     * @since 1.1
     */
    ByteBuffer allocateMem(long sizeBytes);

    /**
     * Deregisters a region ({@code smem_trans_deregister_mem}); later peer accesses to it fail cleanly.
     *
     * @param address the start address given to register
     */
    void deregisterMem(long address);

    /**
     * Reads from a peer into local memory ({@code smem_trans_read}).
     *
     * @param localAddress the local destination
     * @param remoteUniqueId the peer
     * @param remoteAddress the source inside the peer's registered memory
     * @param size bytes
     */
    void read(long localAddress, String remoteUniqueId, long remoteAddress, long size);

    /**
     * Reads many ranges from one peer ({@code smem_trans_batch_read}).
     *
     * @param remoteUniqueId the peer
     * @param requests local destination, remote source, length of each element
     */
    void batchRead(String remoteUniqueId, List<TransferRequest> requests);

    /**
     * Writes local memory into a peer ({@code smem_trans_write}, Python {@code transfer_sync_write}).
     *
     * @param localAddress the local source
     * @param remoteUniqueId the peer
     * @param remoteAddress the destination inside the peer's registered memory
     * @param size bytes
     */
    void write(long localAddress, String remoteUniqueId, long remoteAddress, long size);

    /**
     * Writes many ranges into one peer ({@code smem_trans_batch_write}, Python {@code batch_transfer_sync_write}).
     *
     * @param remoteUniqueId the peer
     * @param requests local source, remote destination, length of each element
     */
    void batchWrite(String remoteUniqueId, List<TransferRequest> requests);

    /**
     * Reads or writes by opcode (Python {@code TransferOpcode}).
     *
     * @param opcode {@link TransferOpcode#READ}: peer to local; {@link TransferOpcode#WRITE}: local to peer
     * @param localAddress the local address
     * @param remoteUniqueId the peer
     * @param remoteAddress the address inside the peer's registered memory
     * @param size bytes
     */
    default void transfer(final TransferOpcode opcode, final long localAddress, final String remoteUniqueId,
        final long remoteAddress, final long size) {
        if (opcode == TransferOpcode.READ) {
            read(localAddress, remoteUniqueId, remoteAddress, size);
        } else {
            write(localAddress, remoteUniqueId, remoteAddress, size);
        }
    }

    /**
     * Creates an ordered stream for asynchronous submits.
     *
     * @return the stream
     */
    TransferStream newStream();

    /**
     * Submits a read onto a stream ({@code smem_trans_read_submit}).
     *
     * @param localAddress the local destination
     * @param remoteUniqueId the peer
     * @param remoteAddress the source inside the peer's registered memory
     * @param size bytes
     * @param stream the stream
     * @return completes when the bytes have arrived
     */
    CompletableFuture<Void> readSubmit(long localAddress, String remoteUniqueId, long remoteAddress, long size,
        TransferStream stream);

    /**
     * Submits a write onto a stream ({@code smem_trans_write_submit}).
     *
     * @param localAddress the local source
     * @param remoteUniqueId the peer
     * @param remoteAddress the destination inside the peer's registered memory
     * @param size bytes
     * @param stream the stream
     * @return completes when the bytes are in the peer's memory
     */
    CompletableFuture<Void> writeSubmit(long localAddress, String remoteUniqueId, long remoteAddress, long size,
        TransferStream stream);

    /**
     * Submits a batch read from one peer onto a stream, as one unit (Python {@code batch_transfer_async_read_submit};
     * a Java addition to the C API). The batch is checked completely before it is queued.
     *
     * @param remoteUniqueId the peer
     * @param requests local destination, remote source, length of each element
     * @param stream the stream
     * @return completes when every element has arrived
     * @since 1.1
     */
    CompletableFuture<Void> batchReadSubmit(String remoteUniqueId, List<TransferRequest> requests,
        TransferStream stream);

    /**
     * Submits a batch write into one peer onto a stream, as one unit (Python
     * {@code batch_transfer_async_write_submit}; a Java addition to the C API). The batch is checked completely
     * before it is queued.
     *
     * @param remoteUniqueId the peer
     * @param requests local source, remote destination, length of each element
     * @param stream the stream
     * @return completes when every element is in the peer's memory
     * @since 1.1
     */
    CompletableFuture<Void> batchWriteSubmit(String remoteUniqueId, List<TransferRequest> requests,
        TransferStream stream);

    /**
     * Destroys the engine ({@code smem_trans_destroy}).
     *
     * @param flags reserved, 0
     */
    void destroy(int flags);

    /** Same as {@code destroy(0)}. Idempotent. */
    @Override
    void close();
}
