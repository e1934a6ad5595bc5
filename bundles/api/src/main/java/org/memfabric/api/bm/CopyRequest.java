package org.memfabric.api.bm;

import org.memfabric.api.Validate;

/**
 * One copy of {@code smem_copy_params} / one element of {@code smem_batch_copy_params}: source address, destination
 * address, size in bytes. Which side is a GVA and which a local address follows from the {@link BmCopyType}.
 * Immutable.
 */
public final class CopyRequest {
    private final long source;
    private final long destination;
    private final long size;

    /**
     * Creates a request.
     *
     * @param source the source address (GVA or local)
     * @param destination the destination address (GVA or local)
     * @param size the size in bytes, positive
     */
    public CopyRequest(final long source, final long destination, final long size) {
        Validate.isTrue(source != 0, "copy source must not be null: src=0");
        Validate.isTrue(destination != 0, "copy destination must not be null: dest=0");
        this.source = source;
        this.destination = destination;
        this.size = Validate.positive("size", size);
    }

    /**
     * The source address.
     *
     * @return the address
     */
    public long source() {
        return source;
    }

    /**
     * The destination address.
     *
     * @return the address
     */
    public long destination() {
        return destination;
    }

    /**
     * The size in bytes.
     *
     * @return the size
     */
    public long size() {
        return size;
    }

    @Override
    public String toString() {
        return "CopyRequest[src=0x" + Long.toHexString(source) + ", dest=0x" + Long.toHexString(destination)
            + ", size=" + size + "]";
    }
}
