package org.memfabric.transport.local;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransferDirection;
import org.memfabric.transport.spi.TransferOp;

/**
 * The owner side of an endpoint's regions: registers and deregisters them, and serves requesters' one-sided
 * operations after checking each against what is registered at that moment.
 *
 * <p>The owner's threads register and deregister; requester threads call {@link #serve(TransferOp)} concurrently and
 * copy on their own thread. A copy holds its region's access bracket ({@link LocalRegion}), so deregistration waits
 * for copies in progress and refuses later ones.
 */
final class LocalRegionTable {
    private final EndpointAddress owner;
    private final int ownerRank;
    private final ConcurrentMap<Long, LocalRegion> regions = new ConcurrentHashMap<>();
    private final AtomicLong nextRegionId = new AtomicLong(1);

    LocalRegionTable(final EndpointAddress owner, final int ownerRank) {
        this.owner = owner;
        this.ownerRank = ownerRank;
    }

    /** Registers the remaining bytes of an already validated direct, writable, non-empty buffer. */
    RegisteredRegion register(final ByteBuffer memory) {
        final long regionId = nextRegionId.getAndIncrement();
        final ByteBuffer view = memory.slice();
        final RegionDescriptor descriptor = new RegionDescriptor(LocalTransport.NAME, owner, regionId,
            ThreadLocalRandom.current().nextLong(), 0, view.capacity());
        final RegisteredRegion handle = new RegisteredRegion(descriptor, view);
        regions.put(regionId, new LocalRegion(handle));
        return handle;
    }

    void deregister(final RegisteredRegion handle) {
        final LocalRegion region = find(handle);
        if (region == null || !regions.remove(handle.regionId(), region)) {
            throw new ObjectNotFoundException("region not registered with this endpoint: transport="
                + LocalTransport.NAME + ", endpoint=" + owner + ", regionId=" + handle.regionId());
        }
        region.retire();
    }

    boolean contains(final RegisteredRegion handle) {
        return find(handle) != null;
    }

    /** Deregisters every region, waiting for copies in progress. */
    void retireAll() {
        for (final Long regionId : regions.keySet()) {
            final LocalRegion region = regions.remove(regionId);
            if (region != null) {
                region.retire();
            }
        }
    }

    /**
     * Checks an op against the registered regions and performs the copy on the calling thread.
     *
     * @throws RegionAccessException when the region is unknown, the key differs or the range is outside it
     */
    void serve(final TransferOp op) {
        final RegionDescriptor remote = op.remote();
        final LocalRegion region = regions.get(remote.regionId());
        if (region == null) {
            throw refuse(Refusal.UNKNOWN_REGION, "region not registered", op, -1);
        }
        if (region.key() != remote.key()) {
            throw refuse(Refusal.KEY_MISMATCH, "region access key does not match", op, region.lengthBytes());
        }
        if (op.remoteOffset() < 0 || op.remoteOffset() > region.lengthBytes() - op.sizeBytes()) {
            throw refuse(Refusal.OUT_OF_BOUNDS, "range outside the registered region", op, region.lengthBytes());
        }
        if (!region.tryBeginAccess()) {
            throw refuse(Refusal.UNKNOWN_REGION, "region not registered", op, -1);
        }
        try {
            copy(op, region.memory(), (int) op.remoteOffset());
        } finally {
            region.endAccess();
        }
    }

    private static void copy(final TransferOp op, final ByteBuffer memory, final int regionOffset) {
        if (op.direction() == TransferDirection.WRITE) {
            memory.put(regionOffset, op.local(), op.localOffset(), op.sizeBytes());
        } else {
            op.local().put(op.localOffset(), memory, regionOffset, op.sizeBytes());
        }
    }

    private LocalRegion find(final RegisteredRegion handle) {
        final LocalRegion region = regions.get(handle.regionId());
        return region != null && region.handle().descriptor().equals(handle.descriptor()) ? region : null;
    }

    private RegionAccessException refuse(final Refusal refusal, final String what, final TransferOp op,
        final long regionLengthBytes) {
        return new RegionAccessException(LocalTransport.NAME, ownerRank, refusal, "remote " + op.direction()
            .name().toLowerCase(java.util.Locale.ROOT) + " refused, " + what + ": refusal=" + refusal + ", " + op
            + (regionLengthBytes >= 0 ? ", registeredLengthBytes=" + regionLengthBytes : ""));
    }
}
