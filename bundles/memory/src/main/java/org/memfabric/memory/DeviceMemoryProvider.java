package org.memfabric.memory;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where BM's device (HBM) pool comes from. A provider bound to an accelerator allocates device memory; without one,
 * {@link HostBackedDeviceMemory} stands in with host segments and says so. Implementations are thread-safe.
 */
@ConsumerType
public interface DeviceMemoryProvider {
    /**
     * The provider's stable name, e.g. {@code "host"}.
     *
     * @return the name
     */
    String name();

    /**
     * Whether "device" memory from this provider is really host DRAM.
     *
     * @return true when no accelerator backs it
     */
    boolean isHostBacked();

    /**
     * Allocates device memory that peers on this host can map.
     *
     * @param label a name for messages, as for {@link Segment#allocate(String, long)}
     * @param sizeBytes a positive multiple of {@link Segment#SEGMENT_GRANULARITY_BYTES}
     * @return the segment; the caller closes it
     * @throws org.memfabric.api.InvalidArgumentException for a bad label or size
     * @throws org.memfabric.api.MemFabricException when the memory cannot be allocated
     */
    Segment allocate(String label, long sizeBytes);

    /**
     * One line for {@code doctor} and logs saying what backs device memory.
     *
     * @return the description
     */
    String describe();
}
