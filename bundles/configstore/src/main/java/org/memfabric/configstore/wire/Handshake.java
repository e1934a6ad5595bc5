package org.memfabric.configstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 16-byte plaintext request a client sends right after connecting (before TLS, if any), byte-compatible with
 * the original. Layout version 0, little-endian:
 *
 * <pre>
 *  0               2               4                               8
 *  +---------------+---------------+-------------------------------+
 *  | magic (i16)=0 | version (i16) |        padding (4 bytes)      |
 *  +---------------+---------------+-------------------------------+
 *  |      rankField (u64) = (worldSize &lt;&lt; 32) | rank               |
 *  +---------------------------------------------------------------+ 16
 * </pre>
 *
 * A rank of {@code 0xFFFFFFFF} means "no rank". The server answers with a 2-byte {@code i16} result (0 = accepted)
 * over the link, after TLS when TLS is on.
 */
public final class Handshake {
    /** Encoded length in bytes. */
    public static final int LENGTH = 16;
    /** Length of the server's answer. */
    public static final int RESPONSE_LENGTH = 2;
    /** The config store's magic. */
    public static final short MAGIC = 0;
    /** The config store's protocol version. */
    public static final short VERSION = 0;
    /** Rank field value meaning "no rank". */
    public static final long NO_RANK = 0xFFFF_FFFFL;

    private final short magic;
    private final short version;
    private final long worldSize;
    private final long rank;

    /**
     * Creates a handshake.
     *
     * @param magic the magic
     * @param version the protocol version
     * @param worldSize the world size announced (unsigned 32 bit)
     * @param rank the rank (unsigned 32 bit), {@link #NO_RANK} for none
     */
    public Handshake(final short magic, final short version, final long worldSize, final long rank) {
        this.magic = magic;
        this.version = version;
        this.worldSize = worldSize & 0xFFFF_FFFFL;
        this.rank = rank & 0xFFFF_FFFFL;
    }

    /**
     * A config store handshake.
     *
     * @param worldSize the world size (0 if unknown)
     * @param rank the rank, or a negative number for none
     * @return the handshake
     */
    public static Handshake of(final int worldSize, final int rank) {
        return new Handshake(MAGIC, VERSION, worldSize, rank < 0 ? NO_RANK : rank);
    }

    /**
     * Encodes to 16 bytes.
     *
     * @return the bytes
     */
    public byte[] encode() {
        final ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(magic).putShort(version).putInt(0).putLong((worldSize << 32) | rank);
        return b.array();
    }

    /**
     * Decodes 16 bytes.
     *
     * @param bytes exactly {@link #LENGTH} bytes
     * @return the handshake
     */
    public static Handshake decode(final byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new WireFormatException("handshake has the wrong length: expected=" + LENGTH + ", actual=" + bytes.length);
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final short magic = b.getShort();
        final short version = b.getShort();
        b.getInt();
        final long field = b.getLong();
        return new Handshake(magic, version, field >>> 32, field & 0xFFFF_FFFFL);
    }

    /**
     * Whether magic and version are the config store's.
     *
     * @return true when this server should accept the link
     */
    public boolean isConfigStore() {
        return magic == MAGIC && version == VERSION;
    }

    /**
     * The magic.
     *
     * @return the magic
     */
    public short magic() {
        return magic;
    }

    /**
     * The protocol version.
     *
     * @return the version
     */
    public short version() {
        return version;
    }

    /**
     * The announced world size (0 = unknown, as is {@code 0xFFFFFFFF}).
     *
     * @return the world size
     */
    public long worldSize() {
        return worldSize;
    }

    /**
     * The announced rank.
     *
     * @return the rank, or -1 for none
     */
    public int rank() {
        return rank == NO_RANK ? -1 : (int) rank;
    }

    @Override
    public String toString() {
        return "Handshake[magic=" + magic + ", version=" + version + ", worldSize=" + worldSize + ", rank=" + rank()
            + "]";
    }
}
