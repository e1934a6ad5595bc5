package org.memfabric.transport.spi;

import java.nio.ByteBuffer;

import org.memfabric.api.Validate;

/**
 * A local memory region registered with a {@link TransportEndpoint}: the local view of its bytes and the
 * {@link RegionDescriptor} to export to peers. Immutable; whether the region is still registered is the endpoint's
 * knowledge ({@link TransportEndpoint#isRegistered(RegisteredRegion)}).
 */
public final class RegisteredRegion {
    private final RegionDescriptor descriptor;
    private final ByteBuffer memory;

    /**
     * Creates the handle; transports call this from {@link TransportEndpoint#registerRegion(ByteBuffer)}.
     *
     * @param descriptor the exportable descriptor
     * @param memory the registered bytes, exactly {@code descriptor.lengthBytes()} of them from position 0
     */
    public RegisteredRegion(final RegionDescriptor descriptor, final ByteBuffer memory) {
        this.descriptor = Validate.notNull("descriptor", descriptor);
        Validate.notNull("memory", memory);
        Validate.isTrue(memory.capacity() == descriptor.lengthBytes(), "memory must match the descriptor length: "
            + "capacityBytes=" + memory.capacity() + ", lengthBytes=" + descriptor.lengthBytes());
        this.memory = memory.duplicate().clear();
    }

    /**
     * The descriptor to export to peers.
     *
     * @return the descriptor
     */
    public RegionDescriptor descriptor() {
        return descriptor;
    }

    /**
     * A new view of the registered bytes, position 0 and limit {@link #lengthBytes()}; its position and limit are
     * the caller's, its content is shared with peers' one-sided operations.
     *
     * @return the view
     */
    public ByteBuffer memory() {
        return memory.duplicate();
    }

    /**
     * The region id, as in the descriptor.
     *
     * @return the id
     */
    public long regionId() {
        return descriptor.regionId();
    }

    /**
     * The region length.
     *
     * @return the length in bytes
     */
    public long lengthBytes() {
        return descriptor.lengthBytes();
    }

    @Override
    public String toString() {
        return descriptor.toString();
    }

    /**
     * The checks every transport makes on memory offered to {@link TransportEndpoint#registerRegion}: not null, direct,
     * writable, with remaining bytes.
     *
     * @param memory the memory
     * @return the memory
     * @throws org.memfabric.api.InvalidArgumentException naming what is wrong
     */
    public static ByteBuffer checkRegistrable(final ByteBuffer memory) {
        Validate.notNull("memory", memory);
        Validate.isTrue(memory.isDirect(), "memory must be a direct buffer: memory=" + memory);
        Validate.isTrue(!memory.isReadOnly(), "memory must be writable: memory=read-only " + memory);
        Validate.isTrue(memory.hasRemaining(), "memory must have remaining bytes: memory=" + memory);
        return memory;
    }
}
