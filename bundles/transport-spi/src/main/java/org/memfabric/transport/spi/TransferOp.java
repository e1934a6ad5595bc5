package org.memfabric.transport.spi;

import java.nio.ByteBuffer;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.Validate;

/**
 * One one-sided operation between a local buffer and a range of a remote region. Immutable; the local buffer is
 * shared, not copied.
 *
 * <p>The local bytes are those between the buffer's position and limit when the op is created; the op never
 * changes the buffer's position or limit. The factories check everything a requester can check without asking the
 * owner: no nulls, a writable buffer for reads, {@code 0 <= remoteOffset} and
 * {@code remoteOffset + sizeBytes <= remote.lengthBytes()}. Whether the owner still has the region, with that key
 * and that length, only the owner can say ({@link RegionAccessException}).
 */
public final class TransferOp {
    private final TransferDirection direction;
    private final ByteBuffer local;
    private final int localOffset;
    private final int sizeBytes;
    private final RegionDescriptor remote;
    private final long remoteOffset;

    private TransferOp(final TransferDirection direction, final ByteBuffer local, final int localOffset,
        final int sizeBytes, final RegionDescriptor remote, final long remoteOffset) {
        this.direction = direction;
        this.local = local;
        this.localOffset = localOffset;
        this.sizeBytes = sizeBytes;
        this.remote = remote;
        this.remoteOffset = remoteOffset;
        checkRange(remote, remoteOffset, sizeBytes);
    }

    /**
     * A write of {@code localSrc}'s remaining bytes to {@code remote} at {@code remoteOffset}.
     *
     * @param localSrc the source bytes, position to limit
     * @param remote the destination region
     * @param remoteOffset the offset in the remote region, in bytes
     * @return the op
     * @throws InvalidArgumentException for nulls or a range outside the descriptor
     */
    public static TransferOp write(final ByteBuffer localSrc, final RegionDescriptor remote, final long remoteOffset) {
        Validate.notNull("localSrc", localSrc);
        return write(localSrc, localSrc.position(), localSrc.remaining(), remote, remoteOffset);
    }

    /**
     * A write of {@code sizeBytes} bytes of {@code localSrc} from index {@code localOffset} to {@code remote} at
     * {@code remoteOffset}. The indices are absolute: the buffer's position is not used (its limit bounds the
     * range), so a caller copying from many places of one buffer needs no slice per op.
     *
     * @param localSrc the source buffer
     * @param localOffset the index of the first byte in {@code localSrc}
     * @param sizeBytes how many bytes
     * @param remote the destination region
     * @param remoteOffset the offset in the remote region, in bytes
     * @return the op
     * @throws InvalidArgumentException for nulls, a local range outside {@code 0..limit} or a remote range outside
     *     the descriptor
     */
    public static TransferOp write(final ByteBuffer localSrc, final int localOffset, final int sizeBytes,
        final RegionDescriptor remote, final long remoteOffset) {
        Validate.notNull("localSrc", localSrc);
        Validate.notNull("remote", remote);
        checkLocal(localSrc, localOffset, sizeBytes);
        return new TransferOp(TransferDirection.WRITE, localSrc, localOffset, sizeBytes, remote, remoteOffset);
    }

    /**
     * A read of {@code remote} at {@code remoteOffset} into {@code localDst}'s remaining bytes.
     *
     * @param remote the source region
     * @param remoteOffset the offset in the remote region, in bytes
     * @param localDst the destination, position to limit; must not be read-only
     * @return the op
     * @throws InvalidArgumentException for nulls, a read-only destination or a range outside the descriptor
     */
    public static TransferOp read(final RegionDescriptor remote, final long remoteOffset, final ByteBuffer localDst) {
        Validate.notNull("remote", remote);
        Validate.notNull("localDst", localDst);
        return read(remote, remoteOffset, localDst, localDst.position(), localDst.remaining());
    }

    /**
     * A read of {@code remote} at {@code remoteOffset} into {@code sizeBytes} bytes of {@code localDst} from index
     * {@code localOffset}; absolute indices as in {@link #write(ByteBuffer, int, int, RegionDescriptor, long)}.
     *
     * @param remote the source region
     * @param remoteOffset the offset in the remote region, in bytes
     * @param localDst the destination buffer; must not be read-only
     * @param localOffset the index of the first byte in {@code localDst}
     * @param sizeBytes how many bytes
     * @return the op
     * @throws InvalidArgumentException for nulls, a read-only destination, a local range outside {@code 0..limit}
     *     or a remote range outside the descriptor
     */
    public static TransferOp read(final RegionDescriptor remote, final long remoteOffset, final ByteBuffer localDst,
        final int localOffset, final int sizeBytes) {
        Validate.notNull("remote", remote);
        Validate.notNull("localDst", localDst);
        Validate.isTrue(!localDst.isReadOnly(), "localDst must be writable: localDst=read-only ", localDst);
        checkLocal(localDst, localOffset, sizeBytes);
        return new TransferOp(TransferDirection.READ, localDst, localOffset, sizeBytes, remote, remoteOffset);
    }

    private static void checkLocal(final ByteBuffer local, final int localOffset, final int sizeBytes) {
        if (localOffset < 0 || sizeBytes < 0 || localOffset > local.limit() - sizeBytes) {
            throw LastError.record(new InvalidArgumentException("local range outside the buffer: localOffset="
                + localOffset + ", sizeBytes=" + sizeBytes + ", limit=" + local.limit()));
        }
    }

    private static void checkRange(final RegionDescriptor remote, final long remoteOffset, final int sizeBytes) {
        if (remoteOffset < 0 || remoteOffset > remote.lengthBytes() - sizeBytes) {
            throw LastError.record(new InvalidArgumentException("remote range outside the region: " + remote
                + ", remoteOffset=" + remoteOffset + ", sizeBytes=" + sizeBytes));
        }
    }

    /**
     * Whether the op writes or reads.
     *
     * @return the direction
     */
    public TransferDirection direction() {
        return direction;
    }

    /**
     * The local buffer; use {@link #localOffset()} and {@link #sizeBytes()} with absolute methods, never its
     * position.
     *
     * @return the buffer as given
     */
    public ByteBuffer local() {
        return local;
    }

    /**
     * The index of the first local byte (the buffer's position when the op was created).
     *
     * @return the offset in bytes
     */
    public int localOffset() {
        return localOffset;
    }

    /**
     * The number of bytes to move.
     *
     * @return the size in bytes
     */
    public int sizeBytes() {
        return sizeBytes;
    }

    /**
     * The remote region.
     *
     * @return the descriptor
     */
    public RegionDescriptor remote() {
        return remote;
    }

    /**
     * The offset in the remote region.
     *
     * @return the offset in bytes
     */
    public long remoteOffset() {
        return remoteOffset;
    }

    /**
     * The op in {@code key=value} form, for messages.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "direction=" + direction + ", transport=" + remote.transportName() + ", peer=" + remote.ownerAddress()
            + ", regionId=" + remote.regionId() + ", remoteOffset=" + remoteOffset + ", sizeBytes=" + sizeBytes;
    }
}
