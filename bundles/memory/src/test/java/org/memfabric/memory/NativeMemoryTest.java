package org.memfabric.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;

class NativeMemoryTest {
    @Test
    void shouldViewTheBytesOfADirectBufferThroughItsAddress() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        final long address = NativeMemory.address(buffer);

        final ByteBuffer view = NativeMemory.view(address + 8, 16);
        view.putLong(0, 0x55AA55AA55AA55AAL);

        assertEquals(16, view.capacity());
        assertEquals(0, view.position());
        assertEquals(0x55AA55AA55AA55AAL, buffer.getLong(8));
        assertEquals(address + 8, NativeMemory.address(view));
        assertEquals(address + 8, NativeMemory.address(buffer.slice(8, 8)));
    }

    @Test
    void shouldRejectHeapBuffersAndNullAddresses() {
        assertThrows(InvalidArgumentException.class, () -> NativeMemory.address(ByteBuffer.allocate(8)));
        assertThrows(InvalidArgumentException.class, () -> NativeMemory.address(null));
        assertThrows(InvalidArgumentException.class, () -> NativeMemory.view(0, 8));
        assertThrows(InvalidArgumentException.class, () -> NativeMemory.view(4096, -1));
    }

    @Test
    void shouldReportThisProcessId() {
        assertEquals(ProcessHandle.current().pid(), NativeMemory.pid());
    }

    @Test
    void shouldReadTheKernelBootId() throws IOException {
        final String text = new String(Files.readAllBytes(HostIdentity.BOOT_ID_FILE), StandardCharsets.US_ASCII);
        assertEquals(text.trim(), HostIdentity.bootId().toString());
    }

    @Test
    void shouldReportAnUnreadableBootIdAsNotSupported() {
        final org.memfabric.api.NotSupportedException failure = assertThrows(
            org.memfabric.api.NotSupportedException.class,
            () -> HostIdentity.readBootId(java.nio.file.Path.of("/proc/no-such-boot-id")));
        assertTrue(failure.getMessage().startsWith("boot id not readable: file=/proc/no-such-boot-id"),
            failure.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTellLiveFromExitedProcesses() throws Exception {
        assertTrue(HostIdentity.isProcessAlive(NativeMemory.pid()));
        final Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertFalse(HostIdentity.isProcessAlive((int) exited.pid()));
        assertThrows(InvalidArgumentException.class, () -> HostIdentity.isProcessAlive(0));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportAnExitedButUnreapedProcessAsGone() throws Exception {
        // The shell execs into sleep, whose child exits at once and is never reaped while the sleep runs.
        final Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
        try {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            ProcessHandle zombie = null;
            while (zombie == null && System.nanoTime() < deadlineNs) {
                zombie = parent.toHandle().children().findFirst().orElse(null);
                Thread.onSpinWait();
            }
            assertTrue(zombie != null, "no child of the shell found");
            final int pid = (int) zombie.pid();
            while (HostIdentity.processState(pid) != 'Z' && System.nanoTime() < deadlineNs) {
                Thread.onSpinWait();
            }
            assertEquals('Z', HostIdentity.processState(pid));
            assertFalse(HostIdentity.isProcessAlive(pid));
            assertTrue(HostIdentity.isProcessAlive((int) parent.pid()));
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
    }

    @Test
    void shouldNameCallErrnoAndArgumentsWhenLibcFails() {
        final NativeCallException open = assertThrows(NativeCallException.class,
            () -> LibC.openFile("/proc/no-such-file", LibC.O_RDWR));
        assertEquals("open", open.call());
        assertEquals(2, open.errno());
        assertEquals(ErrorCode.SM_OBJECT_NOT_EXISTS, open.errorCode());
        assertEquals("open failed: errno=2 (ENOENT), path=/proc/no-such-file, flags=0x2", open.getMessage());

        final NativeCallException truncate =
            assertThrows(NativeCallException.class, () -> LibC.ftruncate(-1, 4096, "label=test"));
        assertEquals("ftruncate failed: errno=9 (EBADF), fd=-1, lengthBytes=4096, label=test", truncate.getMessage());
        assertEquals(ErrorCode.BM_DL_FUNCTION_FAILED, truncate.errorCode());

        final NativeCallException mmap =
            assertThrows(NativeCallException.class, () -> LibC.mmapShared(-1, 4096, 0, "label=test"));
        assertEquals("mmap", mmap.call());
        assertEquals(9, mmap.errno());
    }

    @Test
    void shouldAdviseTheKernelAboutASegment() {
        try (Segment segment = Segment.allocate("advice", Segment.SEGMENT_GRANULARITY_BYTES)) {
            LibC.madvise(segment.address(), segment.sizeBytes(), LibC.MADV_DONTDUMP, "label=advice");
            LibC.madvise(segment.address(), segment.sizeBytes(), LibC.MADV_NORMAL, "label=advice");
            final NativeCallException unaligned = assertThrows(NativeCallException.class,
                () -> LibC.madvise(segment.address() + 1, 4096, LibC.MADV_NORMAL, "label=advice"));
            assertEquals(22, unaligned.errno());
        }
    }
}
