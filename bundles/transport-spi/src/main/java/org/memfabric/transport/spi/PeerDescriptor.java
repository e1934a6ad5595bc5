package org.memfabric.transport.spi;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.memfabric.api.Validate;

/**
 * What a peer needs to reach an endpoint: the transport name, the endpoint's address and the data-operation kinds
 * the endpoint serves. Immutable. Exported as bytes with {@link #toBytes()} so that it can travel through the
 * config store, and read back with {@link #fromBytes(byte[])}.
 *
 * <p>Byte layout, big-endian (layout version {@value #LAYOUT_MAJOR}.{@value #LAYOUT_MINOR}):
 * <pre>
 *  offset      size  field
 *  0           4     magic 0x4D465044 ("MFPD")
 *  4           1     layout major version
 *  5           1     layout minor version
 *  6           2     n = transport name length in bytes (unsigned)
 *  8           n     transport name, UTF-8
 *  8+n         2     a = endpoint address length in bytes (unsigned)
 *  10+n        a     endpoint address
 *  10+n+a      4     data-op kinds, mask of {@link DataOpKind#bit()}
 *  14+n+a            end (a newer minor version may append fields)
 * </pre>
 */
public final class PeerDescriptor {
    /** Magic number at offset 0: "MFPD". */
    public static final int MAGIC = 0x4D465044;
    /** Layout major version; a descriptor with another major version is refused. */
    public static final int LAYOUT_MAJOR = 1;
    /** Layout minor version; newer minor versions may only append fields. */
    public static final int LAYOUT_MINOR = 0;
    /** The largest transport name, in UTF-8 bytes. */
    public static final int MAX_TRANSPORT_NAME_BYTES = 64;

    private static final String WHAT = "peer descriptor";

    private final String transportName;
    private final EndpointAddress address;
    private final Set<DataOpKind> kinds;

    /**
     * Creates a descriptor.
     *
     * @param transportName the transport's name, 1..{@value #MAX_TRANSPORT_NAME_BYTES} UTF-8 bytes
     * @param address the endpoint address
     * @param kinds the data-op kinds the endpoint serves, not empty
     */
    public PeerDescriptor(final String transportName, final EndpointAddress address, final Set<DataOpKind> kinds) {
        this.transportName = checkTransportName(transportName);
        this.address = Validate.notNull("address", address);
        Validate.notNull("kinds", kinds);
        Validate.isTrue(!kinds.isEmpty(), "kinds must not be empty: kinds=[]");
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /**
     * Reads a descriptor written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the descriptor
     * @throws org.memfabric.api.InvalidArgumentException when the bytes are truncated, have a wrong magic, an
     *     incompatible layout version or invalid fields
     */
    public static PeerDescriptor fromBytes(final byte[] bytes) {
        final DescriptorCodec in = DescriptorCodec.reader(WHAT, bytes);
        final int minor = in.checkHeader(MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
        final String name = in.getString("transportName");
        final EndpointAddress address = EndpointAddress.of(in.getBytes("address"));
        final Set<DataOpKind> kinds = DataOpKind.fromMask(in.getInt("kinds"));
        in.checkEnd(minor, LAYOUT_MINOR);
        return new PeerDescriptor(name, address, kinds);
    }

    /**
     * Writes the descriptor in the layout of the class comment.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        final byte[] addressBytes = address.toBytes();
        final DescriptorCodec out = DescriptorCodec.writer(WHAT,
            Integer.BYTES + 2 + DescriptorCodec.sizeOfString(transportName) + Short.BYTES + addressBytes.length
                + Integer.BYTES);
        out.putHeader(MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
        out.putString(transportName);
        out.putBytes(addressBytes);
        out.putInt(DataOpKind.toMask(kinds));
        return out.toBytes();
    }

    /**
     * The transport's name.
     *
     * @return the name
     */
    public String transportName() {
        return transportName;
    }

    /**
     * The endpoint's address.
     *
     * @return the address
     */
    public EndpointAddress address() {
        return address;
    }

    /**
     * The data-op kinds the endpoint serves.
     *
     * @return an unmodifiable, non-empty set
     */
    public Set<DataOpKind> kinds() {
        return kinds;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PeerDescriptor)) {
            return false;
        }
        final PeerDescriptor that = (PeerDescriptor) other;
        return transportName.equals(that.transportName) && address.equals(that.address) && kinds.equals(that.kinds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transportName, address, kinds);
    }

    @Override
    public String toString() {
        return "transport=" + transportName + ", peer=" + address + ", kinds=" + kinds;
    }

    static String checkTransportName(final String transportName) {
        Validate.notEmpty("transportName", transportName);
        final int lengthBytes = transportName.getBytes(StandardCharsets.UTF_8).length;
        Validate.isTrue(lengthBytes <= MAX_TRANSPORT_NAME_BYTES, "transportName must be 1.." + MAX_TRANSPORT_NAME_BYTES
            + " UTF-8 bytes: transportName=" + transportName + ", lengthBytes=" + lengthBytes);
        return transportName;
    }
}
