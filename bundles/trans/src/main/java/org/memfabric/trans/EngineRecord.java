package org.memfabric.trans;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.DescriptorBlocks;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;

/**
 * What one engine publishes in the config store under its unique id: who it is (incarnation, generation, role,
 * store rank), how to reach it on each transport it has an endpoint on, and the memory it offers to peers with the
 * region descriptors of every transport that exported it. Peers resolve a remote address to one of these regions.
 * Immutable.
 *
 * <p>Byte layout, big-endian (version {@value #LAYOUT_MAJOR}.{@value #LAYOUT_MINOR}):
 * <pre>
 *  size  field
 *  4     magic 0x4D465452 ("MFTR")
 *  1     layout major version
 *  1     layout minor version
 *  2+n   unique id: 2-byte length, UTF-8 text ({@code ip:port} or {@code [v6]:port})
 *  8     incarnation: random, new each time an engine with this id is created
 *  8     generation: grows with every publication of this id, across incarnations
 *  1     role code ({@code TransRole.code()})
 *  4     store rank of the engine's config-store client (-1 none); rank-down events name it
 *  2     t = number of transports
 *  t ×   4-byte length + peer descriptor bytes ({@link PeerDescriptor#toBytes()})
 *  4     r = number of regions
 *  r ×   region:
 *          8   address (the owner's virtual address of byte 0)
 *          8   size in bytes
 *          2   e = number of transports that exported it
 *          e × 2-byte transport index (into the list above), 4-byte chunk count c,
 *              c × (4-byte length + region descriptor bytes); chunk i covers
 *              [address + i × CHUNK_BYTES, min(address + (i + 1) × CHUNK_BYTES, address + size))
 * </pre>
 */
final class EngineRecord {
    static final int MAGIC = 0x4D465452;
    static final int LAYOUT_MAJOR = 1;
    static final int LAYOUT_MINOR = 0;
    private static final int MAX_TRANSPORTS = 64;
    private static final int MAX_REGIONS = 1 << 20;
    private static final int MAX_CHUNKS = 1 << 16;

    /** One region a peer may access: its extent and, per transport name, its chunk descriptors. */
    static final class Region {
        private final long address;
        private final long sizeBytes;
        private final Map<String, List<RegionDescriptor>> chunks;

        Region(final long address, final long sizeBytes, final Map<String, List<RegionDescriptor>> chunks) {
            this.address = address;
            this.sizeBytes = sizeBytes;
            final Map<String, List<RegionDescriptor>> copy = new LinkedHashMap<>();
            chunks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            this.chunks = Collections.unmodifiableMap(copy);
        }

        long address() {
            return address;
        }

        long sizeBytes() {
            return sizeBytes;
        }

        long end() {
            return address + sizeBytes;
        }

        /** Transport name to chunk descriptors. */
        Map<String, List<RegionDescriptor>> chunks() {
            return chunks;
        }
    }

    private final String uniqueId;
    private final long incarnation;
    private final long generation;
    private final int roleCode;
    private final int storeRank;
    private final List<PeerDescriptor> transports;
    private final List<Region> regions;

    EngineRecord(final String uniqueId, final long incarnation, final long generation, final int roleCode,
        final int storeRank, final List<PeerDescriptor> transports, final List<Region> regions) {
        this.uniqueId = uniqueId;
        this.incarnation = incarnation;
        this.generation = generation;
        this.roleCode = roleCode;
        this.storeRank = storeRank;
        this.transports = List.copyOf(transports);
        this.regions = List.copyOf(regions);
    }

    String uniqueId() {
        return uniqueId;
    }

    long incarnation() {
        return incarnation;
    }

    long generation() {
        return generation;
    }

    int roleCode() {
        return roleCode;
    }

    int storeRank() {
        return storeRank;
    }

    List<PeerDescriptor> transports() {
        return transports;
    }

    List<Region> regions() {
        return regions;
    }

    /** The peer descriptor on a transport, or null. */
    PeerDescriptor transport(final String name) {
        for (final PeerDescriptor p : transports) {
            if (p.transportName().equals(name)) {
                return p;
            }
        }
        return null;
    }

    byte[] toBytes() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            DescriptorBlocks.writeHeader(out, MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
            final byte[] id = uniqueId.getBytes(StandardCharsets.UTF_8);
            out.writeShort(id.length);
            out.write(id);
            out.writeLong(incarnation);
            out.writeLong(generation);
            out.writeByte(roleCode);
            out.writeInt(storeRank);
            out.writeShort(transports.size());
            final List<String> names = new ArrayList<>();
            for (final PeerDescriptor p : transports) {
                DescriptorBlocks.write(out, p.toBytes());
                names.add(p.transportName());
            }
            out.writeInt(regions.size());
            for (final Region r : regions) {
                out.writeLong(r.address);
                out.writeLong(r.sizeBytes);
                out.writeShort(r.chunks.size());
                for (final Map.Entry<String, List<RegionDescriptor>> e : r.chunks.entrySet()) {
                    final int index = names.indexOf(e.getKey());
                    if (index < 0) {
                        throw new IllegalStateException("region exported on a transport without endpoint: transport="
                            + e.getKey());
                    }
                    out.writeShort(index);
                    out.writeInt(e.getValue().size());
                    for (final RegionDescriptor d : e.getValue()) {
                        DescriptorBlocks.write(out, d.toBytes());
                    }
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static EngineRecord fromBytes(final byte[] raw) {
        final ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            final int minor = DescriptorBlocks.readHeader(in, "trans engine record", MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
            final byte[] id = new byte[in.getShort() & 0xffff];
            in.get(id);
            final long incarnation = in.getLong();
            final long generation = in.getLong();
            final int role = in.get() & 0xff;
            final int storeRank = in.getInt();
            final int t = in.getShort() & 0xffff;
            check(t <= MAX_TRANSPORTS, "too many transports: count=" + t);
            final List<PeerDescriptor> transports = new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                transports.add(PeerDescriptor.fromBytes(DescriptorBlocks.read(in, "trans engine record")));
            }
            final int r = in.getInt();
            check(r >= 0 && r <= MAX_REGIONS, "region count out of range: count=" + r);
            final List<Region> regions = new ArrayList<>(r);
            for (int i = 0; i < r; i++) {
                final long address = in.getLong();
                final long size = in.getLong();
                final int e = in.getShort() & 0xffff;
                check(e <= t, "region exported on more transports than listed: count=" + e);
                final Map<String, List<RegionDescriptor>> chunks = new LinkedHashMap<>();
                for (int j = 0; j < e; j++) {
                    final int index = in.getShort() & 0xffff;
                    check(index < t, "transport index out of range: index=" + index);
                    final int c = in.getInt();
                    check(c > 0 && c <= MAX_CHUNKS, "chunk count out of range: count=" + c);
                    final List<RegionDescriptor> list = new ArrayList<>(c);
                    for (int k = 0; k < c; k++) {
                        list.add(RegionDescriptor.fromBytes(DescriptorBlocks.read(in, "trans engine record")));
                    }
                    chunks.put(transports.get(index).transportName(), list);
                }
                regions.add(new Region(address, size, chunks));
            }
            if (minor <= LAYOUT_MINOR && in.hasRemaining()) {
                throw fail("trailing bytes: trailingBytes=" + in.remaining());
            }
            return new EngineRecord(new String(id, StandardCharsets.UTF_8), incarnation, generation, role, storeRank,
                transports, regions);
        } catch (final BufferUnderflowException e) {
            throw fail("truncated: totalBytes=" + raw.length);
        }
    }

    private static void check(final boolean ok, final String what) {
        if (!ok) {
            throw fail(what);
        }
    }

    private static InvalidArgumentException fail(final String what) {
        return new InvalidArgumentException("trans engine record " + what);
    }

    @Override
    public String toString() {
        final List<String> names = new ArrayList<>();
        for (final PeerDescriptor p : transports) {
            names.add(p.transportName());
        }
        return "uniqueId=" + uniqueId + ", incarnation=" + Long.toHexString(incarnation) + ", generation=" + generation
            + ", role=" + roleCode + ", storeRank=" + storeRank + ", transports=" + names + ", regions="
            + regions.size();
    }
}
