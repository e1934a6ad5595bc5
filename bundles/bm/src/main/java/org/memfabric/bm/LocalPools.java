package org.memfabric.bm;

import java.nio.ByteBuffer;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.memory.Segment;

/**
 * This rank's contribution to one BM object: a host (DRAM) segment and a device (HBM) segment, each allocated once
 * at create (memfd, pre-faulted) and possibly absent (size 0). Without an accelerator the device segment comes from
 * a host-backed {@link DeviceMemoryProvider} and says so. Thread-safe after construction; {@link #close()} once.
 */
final class LocalPools implements AutoCloseable {
    private final Segment host;
    private final Segment device;
    private final String deviceProvider;

    private LocalPools(final Segment host, final Segment device, final String deviceProvider) {
        this.host = host;
        this.device = device;
        this.deviceProvider = deviceProvider;
    }

    static LocalPools allocate(final String label, final long hostBytes, final long deviceBytes,
        final DeviceMemoryProvider devices) {
        Segment host = null;
        try {
            host = hostBytes > 0 ? Segment.allocate(label + "-host", hostBytes) : null;
            final Segment device = deviceBytes > 0 ? devices.allocate(label + "-device", deviceBytes) : null;
            return new LocalPools(host, device, devices.describe());
        } catch (final RuntimeException e) {
            if (host != null) {
                host.close();
            }
            throw e;
        }
    }

    long sizeBytes(final boolean isHost) {
        final Segment s = isHost ? host : device;
        return s == null ? 0 : s.sizeBytes();
    }

    /** The segment of a pool, or null when this rank contributes none. */
    Segment segment(final boolean isHost) {
        return isHost ? host : device;
    }

    /** A view of {@code [offset, offset + length)} of a pool. */
    ByteBuffer view(final boolean isHost, final long offsetBytes, final int lengthBytes) {
        final Segment s = isHost ? host : device;
        if (s == null || offsetBytes < 0 || offsetBytes > s.sizeBytes() - lengthBytes) {
            throw new InvalidArgumentException("range outside this rank's pool: memType=" + (isHost ? "HOST" : "DEVICE")
                + ", offset=" + offsetBytes + ", sizeBytes=" + lengthBytes + ", poolBytes=" + sizeBytes(isHost));
        }
        return s.view(offsetBytes, lengthBytes);
    }

    /** Whether a process address range lies inside one of the pools' mappings. */
    boolean containsAddress(final long address, final long lengthBytes) {
        return inside(host, address, lengthBytes) || inside(device, address, lengthBytes);
    }

    /** A view of a process address range inside one of the pools, or null when it lies in none. */
    ByteBuffer viewAtAddress(final long address, final int lengthBytes) {
        for (final Segment s : new Segment[] {host, device}) {
            if (inside(s, address, lengthBytes)) {
                return s.view(address - s.address(), lengthBytes);
            }
        }
        return null;
    }

    String deviceProvider() {
        return deviceProvider;
    }

    private static boolean inside(final Segment s, final long address, final long lengthBytes) {
        return s != null && address >= s.address() && address - s.address() <= s.sizeBytes() - lengthBytes;
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
        if (device != null) {
            device.close();
        }
    }
}
