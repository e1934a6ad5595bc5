package org.memfabric.transport.shm;

import org.memfabric.memory.HostIdentity;
import org.memfabric.memory.Segment;
import org.memfabric.transport.spi.Availability;

/**
 * Whether the shm transport can work on this host, probed once per class loader: the boot id must be readable, and a
 * memfd segment must be creatable, mappable, and attachable again through {@code /proc/self/fd}. The cause of a
 * failure is kept.
 */
final class ShmAvailability {
    /** The outcome of the probe. */
    static final Availability AVAILABILITY = Availability.probe("shared memory (memfd)", ShmAvailability::probe);

    private ShmAvailability() {
    }

    private static void probe() {
        HostIdentity.bootId();
        try (Segment segment = Segment.allocate("shm-probe", Segment.SEGMENT_GRANULARITY_BYTES);
            Segment attached = Segment.attach(segment.descriptor())) {
            segment.view(0, 8).putLong(0, 0x6d656d6661627269L);
            if (attached.view(0, 8).getLong(0) != 0x6d656d6661627269L) {
                throw new IllegalStateException("shared mapping does not share stores: " + segment.descriptor());
            }
        }
    }
}
