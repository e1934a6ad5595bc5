package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.testkit.ChildJvm;
import org.memfabric.testkit.Patterns;

/** Real two-process tests: a child JVM on the test class path maps the parent's segment, or the other way round. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SegmentCrossProcessTest {
    private static final long MIB_2 = Segment.SEGMENT_GRANULARITY_BYTES;

    @Test
    void shouldLetAChildProcessWriteIntoTheParentsSegment() throws Exception {
        try (Segment segment = Segment.allocate("parent", 2 * MIB_2);
            ChildJvm child = ChildJvm.start(SegmentChild.class, "attach-write",
                ChildJvm.hex(segment.descriptor().toBytes()), Long.toString(MIB_2 - 4096), "8192", "5")) {
            assertEquals("written", child.readLine());
            assertEquals(0, child.awaitExit(60_000));

            assertEquals(-1, Patterns.firstFineMismatch(segment.view(MIB_2 - 4096, 8192), 5));
            assertEquals(0, segment.view(MIB_2 - 4097, 1).get(0));
            assertEquals(0, segment.view(MIB_2 + 4096, 1).get(0));
        }
    }

    @Test
    void shouldFreeAKilledOwnersSegmentOnceItsPeersDropTheirMappings() throws Exception {
        final long sizeBytes = 128 * MIB_2;
        final Set<String> shmBefore = listDevShm();
        final Segment attached;
        final SegmentDescriptor descriptor;
        try (ChildJvm child = ChildJvm.start(SegmentChild.class, "allocate-and-wait", Long.toString(sizeBytes), "9")) {
            descriptor = SegmentDescriptor.fromBytes(ChildJvm.unhex(child.readLine()));
            assertEquals(child.pid(), descriptor.pid());
            attached = Segment.attach(descriptor);
            child.kill();
            assertFalse(HostIdentity.isProcessAlive(descriptor.pid()));
        }
        try {
            // The owner is gone, but the peer's mapping keeps the memory valid until the peer drops it.
            assertEquals(-1, Patterns.firstFineMismatch(attached.view(0, 1 << 20), 9));
            final ObjectNotFoundException late =
                assertThrows(ObjectNotFoundException.class, () -> Segment.attach(descriptor));
            assertTrue(late.getMessage().startsWith("segment not found, owner process or fd gone"), late.getMessage());
            assertEquals(shmBefore, listDevShm(), "a segment must never leave a file in /dev/shm");
        } finally {
            final long shmemMapped = MemInfo.field("Shmem:");
            attached.close();
            final long shmemFreed = MemInfo.field("Shmem:");
            // Other processes on the host may allocate shared memory meanwhile; most of 256 MiB must come back.
            assertTrue(shmemMapped - shmemFreed > sizeBytes * 3 / 4, "memory not freed after the last mapping went: "
                + "shmemBytesBefore=" + shmemMapped + ", shmemBytesAfter=" + shmemFreed + ", sizeBytes=" + sizeBytes);
        }
    }

    private static Set<String> listDevShm() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            final Set<String> names = new TreeSet<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            return names;
        }
    }
}
