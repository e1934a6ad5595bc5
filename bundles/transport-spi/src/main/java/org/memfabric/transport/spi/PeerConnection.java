package org.memfabric.transport.spi;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A requester's connection to one peer endpoint, performing one-sided writes and reads on the peer's registered
 * regions: single or batched, synchronous or asynchronous.
 *
 * <p>Thread-safe: several threads may issue operations at once. Synchronous methods run on the caller's thread and
 * return when the bytes have arrived (write) or been placed (read). Asynchronous methods validate their arguments
 * on the caller's thread (throwing {@link org.memfabric.api.InvalidArgumentException}), then complete their future
 * on a transport thread; the caller must not touch the local bytes until the future is complete.
 *
 * <p>Failures: bad input is an {@link org.memfabric.api.InvalidArgumentException} (including a region descriptor
 * of another peer, see {@link RegionDescriptor#isOwnedBy(PeerDescriptor)}); a refusal by the owner is a
 * {@link RegionAccessException}; a closed connection, a closed or lost peer, or a timeout is a
 * {@link org.memfabric.api.TransportException}. Messages name the transport, the peer and the range. No operation
 * waits longer than the endpoint's {@link EndpointConfig#operationTimeoutMs()}.
 */
@ConsumerType
public interface PeerConnection extends AutoCloseable {
    /**
     * The peer this connection reaches.
     *
     * @return the peer's descriptor
     */
    PeerDescriptor peer();

    /**
     * Performs one operation synchronously.
     *
     * @param op the operation; its region must be owned by {@link #peer()}
     * @throws org.memfabric.api.InvalidArgumentException when the op is null or targets another peer
     * @throws org.memfabric.api.TransportException when the transfer fails or the owner refuses it
     */
    void transfer(TransferOp op);

    /**
     * Performs operations synchronously, in list order for operations that overlap. All ops are validated before
     * the first is started; on failure the batch stops and the ops before may have taken effect.
     *
     * @param ops the operations; an empty list does nothing
     * @throws org.memfabric.api.InvalidArgumentException when the list or an op is null, or an op targets another
     *     peer (then none is started)
     * @throws org.memfabric.api.TransportException when a transfer fails or the owner refuses it
     */
    void transferBatch(List<TransferOp> ops);

    /**
     * Performs one operation asynchronously.
     *
     * @param op the operation; its region must be owned by {@link #peer()}
     * @return a future completed when the bytes have moved, or exceptionally with a
     *     {@link org.memfabric.api.TransportException}
     * @throws org.memfabric.api.InvalidArgumentException when the op is null or targets another peer
     */
    CompletableFuture<Void> transferAsync(TransferOp op);

    /**
     * Performs operations asynchronously, with the semantics of {@link #transferBatch(List)}.
     *
     * @param ops the operations
     * @return a future completed when all ops have taken effect, or exceptionally at the first failure
     * @throws org.memfabric.api.InvalidArgumentException when the list or an op is null, or an op targets another
     *     peer (then none is started)
     */
    CompletableFuture<Void> transferBatchAsync(List<TransferOp> ops);

    /**
     * Writes {@code localSrc}'s remaining bytes to the remote region at {@code remoteOffset}, synchronously; the
     * buffer's position and limit are unchanged.
     *
     * @param localSrc the source bytes
     * @param remote the destination region, owned by {@link #peer()}
     * @param remoteOffset the offset in the remote region, in bytes
     * @throws org.memfabric.api.InvalidArgumentException for bad input, see {@link TransferOp#write}
     * @throws org.memfabric.api.TransportException when the transfer fails or the owner refuses it
     */
    default void write(final ByteBuffer localSrc, final RegionDescriptor remote, final long remoteOffset) {
        transfer(TransferOp.write(localSrc, remote, remoteOffset));
    }

    /**
     * Reads the remote region at {@code remoteOffset} into {@code localDst}'s remaining bytes, synchronously; the
     * buffer's position and limit are unchanged.
     *
     * @param remote the source region, owned by {@link #peer()}
     * @param remoteOffset the offset in the remote region, in bytes
     * @param localDst the destination
     * @throws org.memfabric.api.InvalidArgumentException for bad input, see {@link TransferOp#read}
     * @throws org.memfabric.api.TransportException when the transfer fails or the owner refuses it
     */
    default void read(final RegionDescriptor remote, final long remoteOffset, final ByteBuffer localDst) {
        transfer(TransferOp.read(remote, remoteOffset, localDst));
    }

    /**
     * The asynchronous form of {@link #write(ByteBuffer, RegionDescriptor, long)}.
     *
     * @param localSrc the source bytes, untouched by the caller until completion
     * @param remote the destination region, owned by {@link #peer()}
     * @param remoteOffset the offset in the remote region, in bytes
     * @return the completion
     * @throws org.memfabric.api.InvalidArgumentException for bad input
     */
    default CompletableFuture<Void> writeAsync(
        final ByteBuffer localSrc, final RegionDescriptor remote, final long remoteOffset) {
        return transferAsync(TransferOp.write(localSrc, remote, remoteOffset));
    }

    /**
     * The asynchronous form of {@link #read(RegionDescriptor, long, ByteBuffer)}.
     *
     * @param remote the source region, owned by {@link #peer()}
     * @param remoteOffset the offset in the remote region, in bytes
     * @param localDst the destination, untouched by the caller until completion
     * @return the completion
     * @throws org.memfabric.api.InvalidArgumentException for bad input
     */
    default CompletableFuture<Void> readAsync(
        final RegionDescriptor remote, final long remoteOffset, final ByteBuffer localDst) {
        return transferAsync(TransferOp.read(remote, remoteOffset, localDst));
    }

    /**
     * Whether the connection is open.
     *
     * @return false after {@link #close()}, or after its endpoint was closed
     */
    boolean isOpen();

    /**
     * Closes the connection; later operations fail with {@link org.memfabric.api.TransportException}. Operations in
     * flight finish or fail. Idempotent.
     */
    @Override
    void close();
}
