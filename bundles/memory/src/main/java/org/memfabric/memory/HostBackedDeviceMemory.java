package org.memfabric.memory;

/**
 * The device-memory provider used when no accelerator provider is bound: "device" segments are ordinary host
 * segments ({@link Segment#allocate(String, long)}), so BM's HBM pool works, slower and in DRAM, and
 * {@link #describe()} says so. Stateless and thread-safe.
 */
public final class HostBackedDeviceMemory implements DeviceMemoryProvider {
    /** The provider name. */
    public static final String NAME = "host";
    /** What {@link #describe()} returns. */
    public static final String DESCRIPTION = "device memory is host DRAM: no accelerator provider bound";

    /** Creates the provider. */
    public HostBackedDeviceMemory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHostBacked() {
        return true;
    }

    @Override
    public Segment allocate(final String label, final long sizeBytes) {
        return Segment.allocate(label, sizeBytes);
    }

    @Override
    public String describe() {
        return DESCRIPTION;
    }
}
