package org.memfabric.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.Validate;

/**
 * A contiguous block of shareable memory: a memfd mapped once, shared and pre-faulted, that other processes of the
 * same host map through its {@link SegmentDescriptor}. The owner {@link #allocate(String, long) allocates} it; peers
 * {@link #attach(SegmentDescriptor) attach} it. The whole segment belongs to the user: no header, no hidden bytes.
 *
 * <p>Thread-safe: any thread may take views and close. {@link #close()} unmaps (and, for the owner, closes the
 * memfd); views taken before are then dangling and touching them is the caller's error, but {@link #view(long, int)}
 * itself refuses after close.
 *
 * <p>Lifetime follows memfd semantics: the memory lives while the owner's fd or any mapping of it exists. Nothing is
 * ever named in a file system, so a crashed owner leaves nothing behind except its peers' mappings, which they drop
 * when they close their attachments; a peer that attaches after the owner died finds no {@code /proc/<pid>/fd/<fd>}
 * and gets an {@link ObjectNotFoundException}.
 *
 * <p>Residual risk of attaching by {@code /proc/<pid>/fd/<fd>}: the owner may close the fd and the number be reused
 * for another file, or the pid be reused by another process. An attacher therefore checks, on the file it actually
 * opened, the memfd name (which carries the segment's random 64-bit nonce), the inode and the size against the
 * descriptor, and refuses any mismatch; a false match would need a reused fd naming a memfd with the same label,
 * nonce, inode and size.
 */
public final class Segment implements AutoCloseable {
    /** Granularity of every segment size: 2 MiB, the huge-page size. */
    public static final long SEGMENT_GRANULARITY_BYTES = 2L * 1024 * 1024;

    private static final SecureRandom NONCES = new SecureRandom();

    private final SegmentDescriptor descriptor;
    private final long address;
    private final int fd;
    private final boolean owner;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Segment(final SegmentDescriptor descriptor, final long address, final int fd, final boolean owner) {
        this.descriptor = descriptor;
        this.address = address;
        this.fd = fd;
        this.owner = owner;
    }

    /**
     * Allocates a segment: {@code memfd_create(MFD_CLOEXEC)}, {@code ftruncate}, then one
     * {@code mmap(MAP_SHARED | MAP_POPULATE)} so every page is faulted in now rather than on first use. The memory is
     * zero-filled and registered with {@link SharedSegments} until closed.
     *
     * @param label a name for messages and for the memfd, 1..{@value SegmentDescriptor#MAX_LABEL_BYTES} UTF-8 bytes
     *     without control characters
     * @param sizeBytes a positive multiple of {@link #SEGMENT_GRANULARITY_BYTES}; may exceed 2 GiB
     * @return the segment, owned by this process
     * @throws InvalidArgumentException for a bad label or size
     * @throws MemFabricException with {@link ErrorCode#SM_MALLOC_FAILED} when the host has less memory available
     *     than asked for
     * @throws NativeCallException when a libc call fails
     */
    public static Segment allocate(final String label, final long sizeBytes) {
        SegmentDescriptor.checkLabel(label);
        SegmentDescriptor.checkSize(sizeBytes);
        final long availableBytes = MemInfo.availableBytes();
        if (availableBytes >= 0 && sizeBytes > availableBytes) {
            throw LastError.record(new MemFabricException(ErrorCode.SM_MALLOC_FAILED, "segment larger than the "
                + "memory available: label=" + label + ", sizeBytes=" + sizeBytes + ", memAvailableBytes="
                + availableBytes));
        }
        final long nonce = NONCES.nextLong();
        final String name = SegmentDescriptor.memfdName(label, nonce);
        final int fd = LibC.memfdCreate(name, LibC.MFD_CLOEXEC);
        long address = 0;
        try {
            final String context = "label=" + label;
            LibC.ftruncate(fd, sizeBytes, context);
            address = LibC.mmapShared(fd, sizeBytes, LibC.MAP_POPULATE, context);
            final long inode = (Long) fileAttributes(fd).get("ino");
            final SegmentDescriptor descriptor =
                new SegmentDescriptor(HostIdentity.bootId(), NativeMemory.pid(), fd, sizeBytes, inode, nonce, label);
            final Segment segment = new Segment(descriptor, address, fd, true);
            SharedSegments.register(segment);
            return segment;
        } catch (final RuntimeException | Error failure) {
            if (address != 0) {
                LibC.munmap(address, sizeBytes, "label=" + label);
            }
            LibC.close(fd, "label=" + label);
            throw failure;
        }
    }

    /**
     * Maps a segment of a process on this host (or of this process) by opening {@code /proc/<pid>/fd/<fd>}: checks
     * the boot id, then, on the file opened, the memfd name with its nonce, the inode and the size; maps it
     * {@code MAP_SHARED | MAP_POPULATE} and closes the fd it opened (the mapping keeps the memory alive).
     *
     * @param descriptor the owner's descriptor
     * @return the attached segment; {@link #isOwner()} is false
     * @throws InvalidArgumentException when the descriptor is null or names another host or boot
     * @throws ObjectNotFoundException when the owner process or its fd is gone, or the fd now names another file
     * @throws NativeCallException when a libc call fails otherwise (e.g. {@code EACCES} without ptrace access)
     */
    public static Segment attach(final SegmentDescriptor descriptor) {
        Validate.notNull("descriptor", descriptor);
        final java.util.UUID localBootId = HostIdentity.bootId();
        if (!localBootId.equals(descriptor.bootId())) {
            throw LastError.record(new InvalidArgumentException("segment of another host or boot, cannot attach: "
                + descriptor + ", localBootId=" + localBootId));
        }
        final String path = "/proc/" + descriptor.pid() + "/fd/" + descriptor.fd();
        final int fd;
        try {
            fd = LibC.openFile(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (final NativeCallException failure) {
            if (failure.errno() == 2 || failure.errno() == LibC.ESRCH) {
                throw LastError.record(new ObjectNotFoundException("segment not found, owner process or fd gone: "
                    + descriptor + ", path=" + path, failure));
            }
            throw failure;
        }
        try {
            checkIdentity(fd, descriptor);
            final long address = LibC.mmapShared(fd, descriptor.sizeBytes(), LibC.MAP_POPULATE, "path=" + path);
            return new Segment(descriptor, address, -1, false);
        } finally {
            LibC.close(fd, "path=" + path);
        }
    }

    private static void checkIdentity(final int fd, final SegmentDescriptor descriptor) {
        final String expectedLink = "/memfd:" + descriptor.memfdName() + " (deleted)";
        final String link;
        try {
            link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (final IOException e) {
            throw LastError.record(new ObjectNotFoundException("segment not found, fd link unreadable: " + descriptor
                + ", cause=" + e, e));
        }
        if (!expectedLink.equals(link)) {
            throw LastError.record(new ObjectNotFoundException("segment not found, the fd names another file "
                + "(closed and reused): " + descriptor + ", expected=" + expectedLink + ", found=" + link));
        }
        final Map<String, Object> attributes = fileAttributes(fd);
        final long inode = (Long) attributes.get("ino");
        final long sizeBytes = (Long) attributes.get("size");
        if (inode != descriptor.inode() || sizeBytes != descriptor.sizeBytes()) {
            throw LastError.record(new ObjectNotFoundException("segment not found, inode or size differ: "
                + descriptor + ", foundInode=" + inode + ", foundSizeBytes=" + sizeBytes));
        }
    }

    /** The inode and size of an open fd, by stat of the magic link {@code /proc/self/fd/<fd>}. */
    private static Map<String, Object> fileAttributes(final int fd) {
        try {
            return Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:ino,size");
        } catch (final IOException | UnsupportedOperationException e) {
            throw LastError.record(new MemFabricException(ErrorCode.BM_FILE_NOT_ACCESS,
                "segment file attributes unreadable: fd=" + fd + ", cause=" + e, e));
        }
    }

    /**
     * The address of byte 0 in this process.
     *
     * @return the address
     */
    public long address() {
        return address;
    }

    /**
     * The size.
     *
     * @return the size in bytes
     */
    public long sizeBytes() {
        return descriptor.sizeBytes();
    }

    /**
     * A direct buffer over {@code [offsetBytes, offsetBytes + lengthBytes)}: position 0, limit and capacity
     * {@code lengthBytes}. Stores through it are visible to every mapping of the segment at once. The view does not
     * keep the segment mapped: use it only while the segment is open.
     *
     * @param offsetBytes the offset from the segment base, 0 or more
     * @param lengthBytes the length, 0 or more
     * @return the view
     * @throws InvalidArgumentException when the range is not inside the segment or the segment is closed
     */
    public ByteBuffer view(final long offsetBytes, final int lengthBytes) {
        if (offsetBytes < 0 || lengthBytes < 0 || offsetBytes > descriptor.sizeBytes() - lengthBytes) {
            throw LastError.record(new InvalidArgumentException("segment view outside the segment: label="
                + descriptor.label() + ", offsetBytes=" + offsetBytes + ", lengthBytes=" + lengthBytes
                + ", sizeBytes=" + descriptor.sizeBytes()));
        }
        if (!open.get()) {
            throw LastError.record(new InvalidArgumentException("segment closed, no view: label="
                + descriptor.label() + ", offsetBytes=" + offsetBytes + ", lengthBytes=" + lengthBytes));
        }
        return NativeMemory.view(address + offsetBytes, lengthBytes);
    }

    /**
     * What a peer needs to attach this segment.
     *
     * @return the descriptor (the owner's, also for an attached segment)
     */
    public SegmentDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Whether this process allocated the segment (rather than attached it).
     *
     * @return true for the owner
     */
    public boolean isOwner() {
        return owner;
    }

    /**
     * Whether the segment is still mapped here.
     *
     * @return false after {@link #close()}
     */
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Unmaps the segment and, for the owner, unregisters it from {@link SharedSegments} and closes the memfd, after
     * which peers can no longer attach (those attached keep their mappings). Idempotent.
     *
     * @throws NativeCallException when {@code munmap} or {@code close} fails
     */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        if (owner) {
            SharedSegments.unregister(this);
        }
        try {
            LibC.munmap(address, descriptor.sizeBytes(), "label=" + descriptor.label());
        } finally {
            if (owner) {
                LibC.close(fd, "label=" + descriptor.label());
            }
        }
    }

    @Override
    public String toString() {
        return "segment: " + descriptor + ", owner=" + owner + ", address=0x" + Long.toHexString(address) + ", open="
            + open.get();
    }
}
