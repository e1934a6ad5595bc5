package org.memfabric.trans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.memfabric.api.InvalidArgumentException;

/**
 * The registrations of one engine, disjoint address ranges. Registering the same extent again is a no-op; a range
 * that overlaps a registration of another extent is refused, so deregistering stays unambiguous.
 *
 * <p>Threading: the engine changes registrations under its registration lock; data-path threads look ranges up
 * without a lock in an immutable snapshot that every change replaces (registrations are rare, lookups are not).
 */
final class LocalMemory {
    private volatile TreeMap<Long, LocalRegion> regions = new TreeMap<>();

    /**
     * Checks a new range: returns the registration with exactly this extent (then registering is a no-op), or null
     * when the range is free.
     *
     * @throws InvalidArgumentException when it overlaps a registration of another extent
     */
    LocalRegion checkFree(final long address, final long sizeBytes) {
        final TreeMap<Long, LocalRegion> now = regions;
        final LocalRegion same = now.get(address);
        if (same != null && same.sizeBytes() == sizeBytes) {
            return same;
        }
        final Map.Entry<Long, LocalRegion> below = now.floorEntry(address);
        final Map.Entry<Long, LocalRegion> above = now.higherEntry(address);
        LocalRegion other = null;
        if (below != null && below.getValue().end() > address) {
            other = below.getValue();
        } else if (above != null && address + sizeBytes > above.getKey()) {
            other = above.getValue();
        }
        if (other != null) {
            throw new InvalidArgumentException("memory overlaps a registration of another extent: address=0x"
                + Long.toHexString(address) + ", sizeBytes=" + sizeBytes + ", registeredAddress=0x"
                + Long.toHexString(other.address()) + ", registeredBytes=" + other.sizeBytes());
        }
        return null;
    }

    void add(final LocalRegion region) {
        final TreeMap<Long, LocalRegion> next = new TreeMap<>(regions);
        next.put(region.address(), region);
        regions = next;
    }

    /** Removes the registration starting at an address; null when there is none. */
    LocalRegion remove(final long address) {
        final TreeMap<Long, LocalRegion> next = new TreeMap<>(regions);
        final LocalRegion r = next.remove(address);
        regions = next;
        return r;
    }

    /** The registration holding the whole range, or null. */
    LocalRegion find(final long address, final long lengthBytes) {
        final Map.Entry<Long, LocalRegion> e = regions.floorEntry(address);
        return e != null && e.getValue().contains(address, lengthBytes) ? e.getValue() : null;
    }

    LocalRegion at(final long address) {
        return regions.get(address);
    }

    List<LocalRegion> all() {
        return new ArrayList<>(regions.values());
    }

    int count() {
        return regions.size();
    }

    void clear() {
        regions = new TreeMap<>();
    }
}
