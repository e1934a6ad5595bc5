package org.memfabric.transport.shm;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.ResourceInUseException;
import org.memfabric.api.TransportException;
import org.memfabric.memory.SegmentSlice;
import org.memfabric.transport.spi.EndpointAddress;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/**
 * The owner side of an endpoint's regions: hands out slots of the control table, publishes and retires them.
 *
 * <p>Any owner thread registers and deregisters; slot allocation and the open flag are guarded by this object's
 * monitor, and each slot is written only by the thread that holds it. Requesters, in this or other processes, never
 * call this class: they read the control table directly ({@link ControlTable}). Retiring a slot waits, at most the
 * endpoint's operation timeout, for requesters inside a copy of it (see {@link ControlTableDescriptor}).
 */
final class ShmRegionTable {
    private final ControlTable table;
    private final EndpointAddress owner;
    private final long retireTimeoutNs;
    private final ShmCounters counters;
    private final ConcurrentMap<Long, RegisteredRegion> regions = new ConcurrentHashMap<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int nextUnusedSlot;
    private int sequence;
    private boolean open = true;

    ShmRegionTable(final ControlTable table, final EndpointAddress owner, final long retireTimeoutMs,
        final ShmCounters counters) {
        this.table = table;
        this.owner = owner;
        this.retireTimeoutNs = TimeUnit.MILLISECONDS.toNanos(retireTimeoutMs);
        this.counters = counters;
    }

    /**
     * Registers the remaining bytes of a validated buffer that lies in an owned segment.
     *
     * @throws ResourceInUseException when every slot is in use
     * @throws TransportException when the table was closed meanwhile
     */
    RegisteredRegion register(final ByteBuffer memory, final SegmentSlice slice) {
        final ByteBuffer view = memory.slice();
        final long key = ThreadLocalRandom.current().nextLong();
        final int index;
        final long regionId;
        synchronized (this) {
            if (!open) {
                throw new TransportException(ShmTransport.NAME, -1, "endpoint closed: operation=register region, "
                    + "transport=shm, endpoint=" + owner, null);
            }
            index = takeSlot();
            sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
            regionId = ControlTableDescriptor.regionId(sequence, index);
            final RegionDescriptor descriptor = new RegionDescriptor(ShmTransport.NAME, owner, regionId, key, 0,
                view.capacity(), RegionTransportData.encode(slice.segment().descriptor(), slice.offsetBytes()));
            table.publishSlot(index, regionId, key, view.capacity(), slice.offsetBytes(),
                slice.segment().descriptor().nonce());
            final RegisteredRegion region = new RegisteredRegion(descriptor, view);
            regions.put(regionId, region);
            counters.regionsRegistered.increment();
            return region;
        }
    }

    private int takeSlot() {
        final Integer reused = freeSlots.pollFirst();
        if (reused != null) {
            return reused;
        }
        if (nextUnusedSlot == ControlTableDescriptor.SLOT_COUNT) {
            throw new ResourceInUseException("shm region table full, deregister regions first: transport=shm, "
                + "endpoint=" + owner + ", slotCount=" + ControlTableDescriptor.SLOT_COUNT);
        }
        return nextUnusedSlot++;
    }

    /**
     * Deregisters a region: refuses later requests, waits for copies in progress, frees the slot.
     *
     * @throws ObjectNotFoundException when the region is not registered here
     */
    void deregister(final RegisteredRegion handle) {
        final RegisteredRegion region = regions.get(handle.regionId());
        if (region == null || !region.descriptor().equals(handle.descriptor())
            || !regions.remove(handle.regionId(), region)) {
            throw new ObjectNotFoundException("region not registered with this endpoint: transport=shm, endpoint="
                + owner + ", regionId=" + handle.regionId());
        }
        retire(ControlTableDescriptor.slotIndex(region.regionId()));
    }

    boolean contains(final RegisteredRegion handle) {
        final RegisteredRegion region = regions.get(handle.regionId());
        return region != null && region.descriptor().equals(handle.descriptor());
    }

    /** Closes the table to registrations and retires every region, waiting for copies in progress. */
    void retireAll() {
        final List<Long> ids;
        synchronized (this) {
            open = false;
            ids = new ArrayList<>(regions.keySet());
        }
        for (final Long regionId : ids) {
            if (regions.remove(regionId) != null) {
                retire(ControlTableDescriptor.slotIndex(regionId));
            }
        }
    }

    private void retire(final int index) {
        table.slotStateVolatile(index, ControlTableDescriptor.SLOT_RETIRED);
        counters.regionsDeregistered.increment();
        if (SpinThenPark.await(() -> table.inFlightVolatile(index) == 0, retireTimeoutNs)) {
            synchronized (this) {
                freeSlots.addLast(index);
            }
        } else {
            // A requester entered the slot and never left (it died inside a copy, or is stuck): never reuse it.
            table.slotStateVolatile(index, ControlTableDescriptor.SLOT_QUARANTINED);
            counters.deregisterWaitTimeouts.increment();
        }
    }
}
