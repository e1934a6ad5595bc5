package org.memfabric.bm;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.transport.spi.DescriptorBlocks;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;

/**
 * What one rank publishes about its pools: their sizes and, for every transport it has an endpoint on, the
 * endpoint's peer descriptor and the region descriptors of its pools in {@link #CHUNK_BYTES} chunks. Stored in the
 * config store under {@code X<rank>} of the BM object's prefix, re-published (with a higher generation) when the
 * rank's transports change. Immutable.
 *
 * <p>Byte layout, big-endian (version {@value #LAYOUT_MAJOR}.{@value #LAYOUT_MINOR}):
 * <pre>
 *  size  field
 *  4     magic 0x4D464258 ("MFBX")
 *  1     layout major version
 *  1     layout minor version
 *  4     rank
 *  8     generation (grows with every re-publication)
 *  8     host pool bytes this rank contributes
 *  8     device pool bytes this rank contributes
 *  2     t = number of transports
 *  t ×   transport entry:
 *          4   p = peer descriptor length,  p  peer descriptor bytes ({@link PeerDescriptor#toBytes()})
 *          4   h = host chunk count,        h × (4 length + region descriptor bytes)
 *          4   d = device chunk count,      d × (4 length + region descriptor bytes)
 * </pre>
 * Chunk i of a pool covers pool offsets {@code [i × CHUNK_BYTES, min((i + 1) × CHUNK_BYTES, poolBytes))}.
 */
final class RankExport {
    static final int MAGIC = 0x4D464258;
    static final int LAYOUT_MAJOR = 1;
    static final int LAYOUT_MINOR = 0;
    /** Pools are exported as regions of at most this size (a region is one ByteBuffer). */
    static final long CHUNK_BYTES = 1L << 30;
    private static final int MAX_ENTRIES = 64;
    private static final int MAX_CHUNKS = 1 << 20;

    /** One transport's view of this rank's pools. */
    static final class Entry {
        private final PeerDescriptor peer;
        private final List<RegionDescriptor> hostChunks;
        private final List<RegionDescriptor> deviceChunks;

        Entry(final PeerDescriptor peer, final List<RegionDescriptor> hostChunks,
            final List<RegionDescriptor> deviceChunks) {
            this.peer = peer;
            this.hostChunks = List.copyOf(hostChunks);
            this.deviceChunks = List.copyOf(deviceChunks);
        }

        PeerDescriptor peer() {
            return peer;
        }

        String transportName() {
            return peer.transportName();
        }

        List<RegionDescriptor> chunks(final boolean host) {
            return host ? hostChunks : deviceChunks;
        }
    }

    private final int rank;
    private final long generation;
    private final long hostBytes;
    private final long deviceBytes;
    private final List<Entry> entries;

    RankExport(final int rank, final long generation, final long hostBytes, final long deviceBytes,
        final List<Entry> entries) {
        this.rank = rank;
        this.generation = generation;
        this.hostBytes = hostBytes;
        this.deviceBytes = deviceBytes;
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    int rank() {
        return rank;
    }

    long generation() {
        return generation;
    }

    long poolBytes(final boolean host) {
        return host ? hostBytes : deviceBytes;
    }

    List<Entry> entries() {
        return entries;
    }

    byte[] toBytes() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            DescriptorBlocks.writeHeader(out, MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
            out.writeInt(rank);
            out.writeLong(generation);
            out.writeLong(hostBytes);
            out.writeLong(deviceBytes);
            out.writeShort(entries.size());
            for (final Entry e : entries) {
                DescriptorBlocks.write(out, e.peer.toBytes());
                for (final List<RegionDescriptor> chunks : List.of(e.hostChunks, e.deviceChunks)) {
                    out.writeInt(chunks.size());
                    for (final RegionDescriptor r : chunks) {
                        DescriptorBlocks.write(out, r.toBytes());
                    }
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RankExport fromBytes(final byte[] raw) {
        final ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            final int minor = DescriptorBlocks.readHeader(in, "bm rank export", MAGIC, LAYOUT_MAJOR, LAYOUT_MINOR);
            final int rank = in.getInt();
            final long generation = in.getLong();
            final long host = in.getLong();
            final long device = in.getLong();
            final int count = in.getShort() & 0xffff;
            if (count > MAX_ENTRIES) {
                throw fail("too many transports: count=" + count + ", max=" + MAX_ENTRIES);
            }
            final List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final PeerDescriptor peer = PeerDescriptor.fromBytes(DescriptorBlocks.read(in, "bm rank export"));
                final List<RegionDescriptor> hostChunks = readChunks(in);
                final List<RegionDescriptor> deviceChunks = readChunks(in);
                entries.add(new Entry(peer, hostChunks, deviceChunks));
            }
            if (minor <= LAYOUT_MINOR && in.hasRemaining()) {
                throw fail("trailing bytes: trailingBytes=" + in.remaining());
            }
            return new RankExport(rank, generation, host, device, entries);
        } catch (final BufferUnderflowException e) {
            throw fail("truncated: totalBytes=" + raw.length);
        }
    }

    private static List<RegionDescriptor> readChunks(final ByteBuffer in) {
        final int n = in.getInt();
        if (n < 0 || n > MAX_CHUNKS) {
            throw fail("chunk count out of range: count=" + n);
        }
        final List<RegionDescriptor> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chunks.add(RegionDescriptor.fromBytes(DescriptorBlocks.read(in, "bm rank export")));
        }
        return chunks;
    }

    private static InvalidArgumentException fail(final String what) {
        return new InvalidArgumentException("bm rank export " + what);
    }

    @Override
    public String toString() {
        final List<String> names = new ArrayList<>();
        for (final Entry e : entries) {
            names.add(e.transportName());
        }
        return "rank=" + rank + ", generation=" + generation + ", hostBytes=" + hostBytes + ", deviceBytes="
            + deviceBytes + ", transports=" + names;
    }
}
