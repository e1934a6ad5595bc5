package org.memfabric.transport.tcp;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/**
 * The owner side of an endpoint's regions: registers and deregisters them, and admits peers' chunk requests after
 * checking each against what is registered at that moment.
 *
 * <p>Region ids are {@code incarnation << 32 | sequence}: the high half is the endpoint's random incarnation, new each
 * time an endpoint opens, the low half counts registrations from 1. So an id is never reused by re-registering, and a
 * descriptor of an earlier endpoint at the same address is refused as an unknown region. Keys are 64 random bits from
 * a {@link SecureRandom}.
 *
 * <p>Any thread registers and deregisters; server link threads call {@link #admit} concurrently.
 */
final class TcpRegionTable {
    private static final long MAX_SEQUENCE = 0xffff_ffffL;

    private final EndpointAddress owner;
    private final int incarnation;
    private final SecureRandom keys = new SecureRandom();
    private final ConcurrentMap<Long, TcpRegion> regions = new ConcurrentHashMap<>();
    private final AtomicLong nextSequence = new AtomicLong(1);

    TcpRegionTable(final EndpointAddress owner, final int incarnation) {
        this.owner = owner;
        this.incarnation = incarnation;
    }

    /** Registers the remaining bytes of an already validated direct, writable, non-empty buffer. */
    RegisteredRegion register(final ByteBuffer memory) {
        final long sequence = nextSequence.getAndIncrement();
        if (sequence > MAX_SEQUENCE) {
            throw new TransportException(TcpTransport.NAME, -1, "region ids exhausted for this endpoint, reopen it: "
                + "transport=tcp, endpoint=" + owner + ", registrations=" + MAX_SEQUENCE, null);
        }
        final long regionId = (long) incarnation << 32 | sequence;
        final ByteBuffer view = memory.slice();
        final RegionDescriptor descriptor = new RegionDescriptor(TcpTransport.NAME, owner, regionId, keys.nextLong(),
            0, view.capacity());
        final RegisteredRegion handle = new RegisteredRegion(descriptor, view);
        regions.put(regionId, new TcpRegion(handle));
        return handle;
    }

    void deregister(final RegisteredRegion handle) {
        final TcpRegion region = find(handle);
        if (region == null || !regions.remove(handle.regionId(), region)) {
            throw new ObjectNotFoundException("region not registered with this endpoint: transport=tcp, endpoint="
                + owner + ", regionId=" + handle.regionId());
        }
        region.retire();
    }

    boolean contains(final RegisteredRegion handle) {
        return find(handle) != null;
    }

    /** Deregisters every region, waiting for chunks in progress. */
    void retireAll() {
        for (final Long regionId : regions.keySet()) {
            final TcpRegion region = regions.remove(regionId);
            if (region != null) {
                region.retire();
            }
        }
    }

    /**
     * Checks a chunk request and begins its access: the region must be registered, the key must match, and both the
     * chunk {@code [remoteOffset, remoteOffset + lengthBytes)} and the whole op {@code [.., opEndOffset)} must lie
     * inside the registered length.
     *
     * @return the region; the caller touches only {@link TcpRegion#view} of the chunk and then calls
     *     {@link TcpRegion#endAccess()}
     * @throws TcpRefusal when the request is refused; nothing was touched
     */
    TcpRegion admit(final long regionId, final long key, final long remoteOffset, final int lengthBytes,
        final long opEndOffset) throws TcpRefusal {
        final TcpRegion region = regions.get(regionId);
        if (region == null) {
            throw unknown(regionId, remoteOffset, lengthBytes);
        }
        if (region.key() != key) {
            throw new TcpRefusal(Refusal.KEY_MISMATCH, "region access key does not match: "
                + range(remoteOffset, lengthBytes));
        }
        final long registered = region.lengthBytes();
        if (remoteOffset < 0 || remoteOffset > registered - lengthBytes || opEndOffset > registered
            || opEndOffset < remoteOffset + lengthBytes) {
            throw new TcpRefusal(Refusal.OUT_OF_BOUNDS, "range outside the registered region: "
                + range(remoteOffset, lengthBytes) + ", opEndOffset=" + opEndOffset
                + ", registeredLengthBytes=" + registered);
        }
        if (!region.tryBeginAccess()) {
            throw unknown(regionId, remoteOffset, lengthBytes);
        }
        return region;
    }

    private TcpRefusal unknown(final long regionId, final long remoteOffset, final int lengthBytes) {
        final boolean otherIncarnation = (int) (regionId >>> 32) != incarnation;
        return new TcpRefusal(Refusal.UNKNOWN_REGION, (otherIncarnation
            ? "region not registered, its id is from another incarnation of the endpoint at this address: "
            : "region not registered: ") + range(remoteOffset, lengthBytes));
    }

    /** The chunk; the requester adds transport, peer, region id and the op's range to the message. */
    private static String range(final long remoteOffset, final int lengthBytes) {
        return "chunkOffset=" + remoteOffset + ", chunkBytes=" + lengthBytes;
    }

    private TcpRegion find(final RegisteredRegion handle) {
        final TcpRegion region = regions.get(handle.regionId());
        return region != null && region.handle().descriptor().equals(handle.descriptor()) ? region : null;
    }
}
