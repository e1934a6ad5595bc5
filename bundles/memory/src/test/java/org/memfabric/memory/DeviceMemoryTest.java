package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceMemoryTest {
    @Test
    void shouldSayDeviceMemoryIsHostDramAndAllocateShareableSegments() {
        final DeviceMemoryProvider provider = new HostBackedDeviceMemory();

        assertEquals("host", provider.name());
        assertTrue(provider.isHostBacked());
        assertEquals("device memory is host DRAM: no accelerator provider bound", provider.describe());
        try (Segment hbm = provider.allocate("hbm-0", Segment.SEGMENT_GRANULARITY_BYTES);
            Segment peer = Segment.attach(hbm.descriptor())) {
            hbm.view(0, 8).putLong(0, 77);
            assertEquals(77, peer.view(0, 8).getLong(0));
            assertTrue(SharedSegments.locate(hbm.address(), 8).isPresent());
        }
    }
}
