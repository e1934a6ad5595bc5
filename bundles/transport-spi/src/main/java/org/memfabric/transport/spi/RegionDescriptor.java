package org.memfabric.transport.spi;

import java.util.Objects;

import org.memfabric.api.Validate;

/**
 * What a peer needs to access a registered region remotely: the transport and endpoint that own it, the region id
 * and access key the owner checks, the base address the owner exposes and the length. Immutable. Exported as
 * bytes with {@link #toBytes()} and read back with {@link #fromBytes(byte[])}.
 *
 * <p>A descriptor is a claim, not a capability: the owner checks every request against what it has registered
 * (and still has registered) before touching memory, so a stale or forged descriptor is refused with a
 * {@link RegionAccessException}.
 *
 * <p>Byte layout, big-endian (layout version {@value #LAYOUT_MAJOR}.{@value #LAYOUT_MINOR}):
 * <pre>
 *  offset      size  field
 *  0           4     magic 0x4D465244 ("MFRD")
 *  4           1     layout major version
 *  5           1     layout minor version
 *  6           2     n = transport name length in bytes (unsigned)
 *  8           n     transport name, UTF-8
 *  8+n         2     a = owner endpoint address length in bytes (unsigned)
 *  10+n        a     owner endpoint address
 *  10+n+a      8     region id
 *  18+n+a      8     access key
 *  26+n+a      8     base address (0 when the transport addresses regions by id only)
 *  34+n+a      8     length in bytes
 *  42+n+a      2     t = transport data length in bytes (unsigned)           (since 1.1)
 *  44+n+a      t     transport data: how a peer attaches, transport-defined  (since 1.1)
 *  44+n+a+t          end (a newer minor version may append fields)
 * </pre>
 * A 1.0 descriptor (no transport data) reads as one with empty transport data.
 */
public final class RegionDescriptor {
    /** Magic number at offset 0: "MFRD". */
    public static final int MAGIC = 0x4D465244;
    /** Layout major version; a descriptor with another major version is refused. */
    public static final int LAYOUT_MAJOR = 1;
    /** Layout minor version; newer minor versions may only append fields. */
    public static final int LAYOUT_MINOR = 1;
    /** Largest transport data, in bytes. */
    public static final int MAX_TRANSPORT_DATA_BYTES = 4096;

    private static final String WHAT = "region descriptor";

    private final String transportName;
    private final EndpointAddress ownerAddress;
    private final long regionId;
    private final long key;
    private final long baseAddress;
    private final long lengthBytes;
    private final byte[] transportData;

    /**
     * Creates a descriptor without transport data.
     *
     * @param transportName the owner's transport name
     * @param ownerAddress the owner endpoint's address
     * @param regionId the region id the owner assigned
     * @param key the access key the owner checks (an RDMA remote key, or a random token)
     * @param baseAddress the address the owner exposes for offset 0, or 0
     * @param lengthBytes the region length, positive
     */
    public RegionDescriptor(final String transportName, final EndpointAddress ownerAddress, final long regionId,
        final long key, final long baseAddress, final long lengthBytes) {
        this.transportName = PeerDescriptor.checkTransportName(transportName);
        this.ownerAddress = Validate.notNull("ownerAddress", ownerAddress);
        this.regionId = regionId;
        this.key = key;
        this.baseAddress = baseAddress;
        this.lengthBytes = Validate.positive("lengthBytes", lengthBytes);
        this.transportData = new byte[0];
    }

    /**
     * Creates a descriptor with transport data: what a peer needs to attach the region itself, for example the
     * location of a shared-memory segment. The owner still checks every access.
     *
     * @param transportName the owner's transport name
     * @param ownerAddress the owner endpoint's address
     * @param regionId the region id the owner assigned
     * @param key the access key the owner checks
     * @param baseAddress the address the owner exposes for offset 0, or 0
     * @param lengthBytes the region length, positive
     * @param transportData at most {@value #MAX_TRANSPORT_DATA_BYTES} bytes, copied
     */
    public RegionDescriptor(final String transportName, final EndpointAddress ownerAddress, final long regionId,
        final long key, final long baseAddress, final long lengthBytes, final byte[] transportData) {
        this.transportName = PeerDescriptor.checkTransportName(transportName);
        this.ownerAddress = Validate.notNull("ownerAddress", ownerAddress);
        this.regionId = regionId;
        this.key = key;
        this.baseAddress = baseAddress;
        this.lengthBytes = Validate.positive("lengthBytes", lengthBytes);
        Validate.notNull("transportData", transportData);
        Validate.inRange("transportDataLengthBytes", transportData.length, 0, MAX_TRANSPORT_DATA_BYTES);
        this.transportData = transportData.clone();
    }

    /**
     * Reads a descriptor written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the descriptor
     * @throws org.memfabric.api.InvalidArgumentException when the bytes are truncated, have a wrong magic, an
     *     incompatible layout version or invalid fields
     */
    public static RegionDescriptor fromBytes(final byte[] bytes) {
        final DescriptorCodec in = DescriptorCodec.reader(WHAT, bytes);
        final int minor = in.checkHeader(MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
        final String name = in.getString("transportName");
        final EndpointAddress owner = EndpointAddress.of(in.getBytes("ownerAddress"));
        final long id = in.getLong("regionId");
        final long accessKey = in.getLong("key");
        final long base = in.getLong("baseAddress");
        final long length = in.getLong("lengthBytes");
        final byte[] data = minor >= 1 ? in.getBytes("transportData") : new byte[0];
        in.checkEnd(minor, LAYOUT_MINOR);
        return new RegionDescriptor(name, owner, id, accessKey, base, length, data);
    }

    /**
     * Writes the descriptor in the layout of the class comment.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        final byte[] addressBytes = ownerAddress.toBytes();
        final DescriptorCodec out = DescriptorCodec.writer(WHAT,
            Integer.BYTES + 2 + DescriptorCodec.sizeOfString(transportName) + Short.BYTES + addressBytes.length
                + 4 * Long.BYTES + Short.BYTES + transportData.length);
        out.putHeader(MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
        out.putString(transportName);
        out.putBytes(addressBytes);
        out.putLong(regionId);
        out.putLong(key);
        out.putLong(baseAddress);
        out.putLong(lengthBytes);
        out.putBytes(transportData);
        return out.toBytes();
    }

    /**
     * Whether the region is owned by the endpoint a peer descriptor names (same transport and address).
     *
     * @param peer the peer
     * @return true when the peer owns this region
     */
    public boolean isOwnedBy(final PeerDescriptor peer) {
        return transportName.equals(peer.transportName()) && ownerAddress.equals(peer.address());
    }

    /**
     * The owner's transport name.
     *
     * @return the name
     */
    public String transportName() {
        return transportName;
    }

    /**
     * The owner endpoint's address.
     *
     * @return the address
     */
    public EndpointAddress ownerAddress() {
        return ownerAddress;
    }

    /**
     * The region id the owner assigned.
     *
     * @return the id
     */
    public long regionId() {
        return regionId;
    }

    /**
     * The access key the owner checks.
     *
     * @return the key
     */
    public long key() {
        return key;
    }

    /**
     * The address the owner exposes for offset 0, or 0 when the transport addresses regions by id only.
     *
     * @return the base address
     */
    public long baseAddress() {
        return baseAddress;
    }

    /**
     * The region length.
     *
     * @return the length in bytes
     */
    public long lengthBytes() {
        return lengthBytes;
    }

    /**
     * The transport-defined attach data (empty when the transport needs none).
     *
     * @return a copy of the bytes
     */
    public byte[] transportData() {
        return transportData.clone();
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RegionDescriptor)) {
            return false;
        }
        final RegionDescriptor that = (RegionDescriptor) other;
        return regionId == that.regionId && key == that.key && baseAddress == that.baseAddress
            && lengthBytes == that.lengthBytes && transportName.equals(that.transportName)
            && java.util.Arrays.equals(transportData, that.transportData)
            && ownerAddress.equals(that.ownerAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transportName, ownerAddress, regionId, key, baseAddress, lengthBytes);
    }

    /**
     * The descriptor without its key, in {@code key=value} form.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "transport=" + transportName + ", owner=" + ownerAddress + ", regionId=" + regionId + ", baseAddress=0x"
            + Long.toHexString(baseAddress) + ", lengthBytes=" + lengthBytes;
    }
}
