package org.memfabric.memory;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.Validate;

/**
 * What a process on the same host needs to map a {@link Segment}: the boot id of the owner's kernel, the owner's pid
 * and the fd of its memfd (so that {@code /proc/<pid>/fd/<fd>} opens it), the size, the inode, a random 64-bit nonce
 * and the label. Immutable. Exported as bytes with {@link #toBytes()} and read back with {@link #fromBytes(byte[])},
 * following the conventions of the transport SPI's descriptors.
 *
 * <p>The nonce and the label also form the memfd's name ({@link #memfdName()}), which the kernel shows as the target
 * of the {@code /proc/<pid>/fd/<fd>} link; an attacher compares it, the inode and the size after opening, so a
 * descriptor whose fd was closed and reused for another file is refused instead of mapping the wrong memory.
 *
 * <p>Byte layout, big-endian (layout version {@value #LAYOUT_MAJOR}.{@value #LAYOUT_MINOR}):
 * <pre>
 *  offset  size  field
 *  0       4     magic 0x4D465347 ("MFSG")
 *  4       1     layout major version
 *  5       1     layout minor version
 *  6       8     boot id, most significant 64 bits
 *  14      8     boot id, least significant 64 bits
 *  22      4     owner pid
 *  26      4     owner fd of the memfd
 *  30      8     size in bytes (a positive multiple of 2 MiB)
 *  38      8     inode of the memfd
 *  46      8     nonce
 *  54      2     n = label length in bytes (unsigned, 1..{@value #MAX_LABEL_BYTES})
 *  56      n     label, UTF-8
 *  56+n          end (a newer minor version may append fields)
 * </pre>
 */
public final class SegmentDescriptor {
    /** Magic number at offset 0: "MFSG". */
    public static final int MAGIC = 0x4D465347;
    /** Layout major version; bytes with another major version are refused. */
    public static final int LAYOUT_MAJOR = 1;
    /** Layout minor version; newer minor versions may only append fields. */
    public static final int LAYOUT_MINOR = 0;
    /** The largest label, in UTF-8 bytes. */
    public static final int MAX_LABEL_BYTES = 128;
    /** Size of the fixed part of the layout, before the label bytes. */
    public static final int FIXED_BYTES = 56;

    private static final String WHAT = "segment descriptor";
    private static final String MEMFD_NAME_PREFIX = "memfabric:";

    private final UUID bootId;
    private final int pid;
    private final int fd;
    private final long sizeBytes;
    private final long inode;
    private final long nonce;
    private final String label;

    /**
     * Creates a descriptor.
     *
     * @param bootId the owner's boot id
     * @param pid the owner's pid, positive
     * @param fd the owner's memfd, 0 or more
     * @param sizeBytes the size, a positive multiple of {@link Segment#SEGMENT_GRANULARITY_BYTES}
     * @param inode the memfd's inode number
     * @param nonce the segment's random nonce
     * @param label the label, 1..{@value #MAX_LABEL_BYTES} UTF-8 bytes without control characters
     * @throws InvalidArgumentException naming the field that is invalid
     */
    public SegmentDescriptor(final UUID bootId, final int pid, final int fd, final long sizeBytes, final long inode,
        final long nonce, final String label) {
        this.bootId = Validate.notNull("bootId", bootId);
        this.pid = (int) Validate.positive("pid", pid);
        this.fd = Validate.inRange("fd", fd, 0, Integer.MAX_VALUE);
        this.sizeBytes = checkSize(sizeBytes);
        this.inode = inode;
        this.nonce = nonce;
        this.label = checkLabel(label);
    }

    /**
     * Fails unless the size is a positive multiple of {@link Segment#SEGMENT_GRANULARITY_BYTES}.
     *
     * @param sizeBytes the size
     * @return the size
     */
    static long checkSize(final long sizeBytes) {
        Validate.positive("sizeBytes", sizeBytes);
        Validate.isTrue(sizeBytes % Segment.SEGMENT_GRANULARITY_BYTES == 0, "sizeBytes must be a multiple of 2 MiB ("
            + Segment.SEGMENT_GRANULARITY_BYTES + "): sizeBytes=" + sizeBytes);
        return sizeBytes;
    }

    /**
     * Fails unless the label is 1..{@value #MAX_LABEL_BYTES} UTF-8 bytes without control characters.
     *
     * @param label the label
     * @return the label
     */
    static String checkLabel(final String label) {
        Validate.notEmpty("label", label);
        final int lengthBytes = label.getBytes(StandardCharsets.UTF_8).length;
        Validate.isTrue(lengthBytes <= MAX_LABEL_BYTES, "label must be 1.." + MAX_LABEL_BYTES
            + " UTF-8 bytes: label=" + label + ", lengthBytes=" + lengthBytes);
        Validate.isTrue(label.chars().noneMatch(Character::isISOControl),
            "label must not contain control characters: label=" + label.replaceAll("\\p{Cntrl}", "?"));
        return label;
    }

    /**
     * Reads a descriptor written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the descriptor
     * @throws InvalidArgumentException when the bytes are null or truncated, have a wrong magic, an incompatible
     *     major version, trailing bytes or an invalid field; the message names the field
     */
    public static SegmentDescriptor fromBytes(final byte[] bytes) {
        if (bytes == null) {
            throw fail(WHAT + " bytes must not be null: bytes=null");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        final int magic = getInt(in, "magic");
        if (magic != MAGIC) {
            throw fail(WHAT + " has a wrong magic: expected=0x" + Integer.toHexString(MAGIC) + ", found=0x"
                + Integer.toHexString(magic));
        }
        final int major = Byte.toUnsignedInt(getByte(in, "majorVersion"));
        final int minor = Byte.toUnsignedInt(getByte(in, "minorVersion"));
        if (major != LAYOUT_MAJOR) {
            throw fail(WHAT + " layout not compatible: app=" + LAYOUT_MAJOR + "." + LAYOUT_MINOR + ", bytes=" + major
                + "." + minor);
        }
        final UUID bootId = new UUID(getLong(in, "bootId"), getLong(in, "bootId"));
        final int pid = getInt(in, "pid");
        final int fd = getInt(in, "fd");
        final long sizeBytes = getLong(in, "sizeBytes");
        final long inode = getLong(in, "inode");
        final long nonce = getLong(in, "nonce");
        final int labelBytes = Short.toUnsignedInt(getShort(in, "label"));
        if (labelBytes > in.remaining()) {
            throw fail(WHAT + " truncated: field=label, lengthBytes=" + labelBytes + ", remainingBytes="
                + in.remaining());
        }
        final byte[] label = new byte[labelBytes];
        in.get(label);
        if (minor <= LAYOUT_MINOR && in.hasRemaining()) {
            throw fail(WHAT + " has trailing bytes: trailingBytes=" + in.remaining());
        }
        try {
            return new SegmentDescriptor(bootId, pid, fd, sizeBytes, inode, nonce,
                new String(label, StandardCharsets.UTF_8));
        } catch (final InvalidArgumentException invalid) {
            throw fail(WHAT + " has an invalid field: " + invalid.getMessage());
        }
    }

    /**
     * Writes the descriptor in the layout of the class comment.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        final byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + labelBytes.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(MAGIC).put((byte) LAYOUT_MAJOR).put((byte) LAYOUT_MINOR);
        out.putLong(bootId.getMostSignificantBits()).putLong(bootId.getLeastSignificantBits());
        out.putInt(pid).putInt(fd).putLong(sizeBytes).putLong(inode).putLong(nonce);
        out.putShort((short) labelBytes.length).put(labelBytes);
        return out.array();
    }

    /**
     * The name the owner gave its memfd: {@code memfabric:<label>:<nonce as 16 hex digits>}. The kernel shows it as
     * {@code /memfd:<name> (deleted)} when the {@code /proc/<pid>/fd/<fd>} link is read.
     *
     * @return the name
     */
    public String memfdName() {
        return memfdName(label, nonce);
    }

    static String memfdName(final String label, final long nonce) {
        return MEMFD_NAME_PREFIX + label + ":" + String.format("%016x", nonce);
    }

    /**
     * The owner's boot id.
     *
     * @return the boot id
     */
    public UUID bootId() {
        return bootId;
    }

    /**
     * The owner's pid.
     *
     * @return the pid
     */
    public int pid() {
        return pid;
    }

    /**
     * The owner's fd of the memfd.
     *
     * @return the fd
     */
    public int fd() {
        return fd;
    }

    /**
     * The segment size.
     *
     * @return the size in bytes
     */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * The memfd's inode number.
     *
     * @return the inode
     */
    public long inode() {
        return inode;
    }

    /**
     * The segment's random nonce.
     *
     * @return the nonce
     */
    public long nonce() {
        return nonce;
    }

    /**
     * The segment's label.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SegmentDescriptor)) {
            return false;
        }
        final SegmentDescriptor that = (SegmentDescriptor) other;
        return pid == that.pid && fd == that.fd && sizeBytes == that.sizeBytes && inode == that.inode
            && nonce == that.nonce && bootId.equals(that.bootId) && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootId, pid, fd, sizeBytes, inode, nonce, label);
    }

    /**
     * The descriptor in {@code key=value} form, without the nonce.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "label=" + label + ", pid=" + pid + ", fd=" + fd + ", sizeBytes=" + sizeBytes + ", inode=" + inode
            + ", bootId=" + bootId;
    }

    private static int getInt(final ByteBuffer in, final String field) {
        try {
            return in.getInt();
        } catch (final BufferUnderflowException e) {
            throw truncated(in, field);
        }
    }

    private static long getLong(final ByteBuffer in, final String field) {
        try {
            return in.getLong();
        } catch (final BufferUnderflowException e) {
            throw truncated(in, field);
        }
    }

    private static short getShort(final ByteBuffer in, final String field) {
        try {
            return in.getShort();
        } catch (final BufferUnderflowException e) {
            throw truncated(in, field);
        }
    }

    private static byte getByte(final ByteBuffer in, final String field) {
        try {
            return in.get();
        } catch (final BufferUnderflowException e) {
            throw truncated(in, field);
        }
    }

    private static InvalidArgumentException truncated(final ByteBuffer in, final String field) {
        return fail(WHAT + " truncated: field=" + field + ", offset=" + in.position() + ", totalBytes=" + in.limit());
    }

    private static InvalidArgumentException fail(final String message) {
        return LastError.record(new InvalidArgumentException(message));
    }
}
