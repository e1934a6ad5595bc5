package org.memfabric.bm;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.Validate;
import org.memfabric.memory.NativeMemory;

/**
 * Local memory the user registered for copies ({@code smem_bm_register_user_mem}): address ranges, disjoint.
 * Registering the same address with the same size again is a no-op; with another size it fails; a range that
 * partly overlaps another registration is refused (the original does not check; overlapping registrations make
 * unregistering ambiguous). Thread-safe.
 */
final class UserMemory {
    /** Largest registration: 1 TiB, as the original's memory layer. */
    static final long MAX_BYTES = 1L << 40;

    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    /** Buffers registered as ByteBuffers, kept reachable while registered so the GC cannot free their memory. */
    private final Map<Long, ByteBuffer> owners = new HashMap<>();
    /** A direct view of each registration no larger than 2 GiB, made once, so copies slice it instead of mapping. */
    private final Map<Long, ByteBuffer> views = new HashMap<>();

    /**
     * Registers a direct buffer's bytes from position to limit; the buffer stays reachable until unregistered, and
     * copies slice it.
     */
    synchronized void register(final ByteBuffer buffer) {
        final long address = NativeMemory.address(buffer) + buffer.position();
        if (add(address, buffer.remaining())) {
            views.put(address, buffer.slice());
        }
        owners.putIfAbsent(address, buffer);
    }

    /** Registers an address range; copies slice a view of it made once here (ranges up to 2 GiB). */
    synchronized void register(final long address, final long sizeBytes) {
        if (add(address, sizeBytes) && sizeBytes <= Integer.MAX_VALUE) {
            views.put(address, NativeMemory.view(address, (int) sizeBytes));
        }
    }

    /** Adds a range; false when the same range was registered already. */
    private boolean add(final long address, final long sizeBytes) {
        Validate.isTrue(address != 0, "user memory address must not be null: address=0");
        Validate.inRange("sizeBytes", sizeBytes, 1, MAX_BYTES);
        Validate.isTrue(address > 0 && address + sizeBytes > address, "user memory range overflows: address=0x"
            + Long.toHexString(address) + ", sizeBytes=" + sizeBytes);
        Validate.isTrue(!GvaLayout.isGlobal(address), "user memory must be a process address, not a GVA: address=0x"
            + Long.toHexString(address));
        final Long known = ranges.get(address);
        if (known != null) {
            if (known == sizeBytes) {
                return false;
            }
            throw new MemFabricException(ErrorCode.SM_ERROR, "user memory already registered with another size: "
                + "address=0x" + Long.toHexString(address) + ", registeredBytes=" + known + ", sizeBytes=" + sizeBytes);
        }
        final Map.Entry<Long, Long> below = ranges.floorEntry(address);
        final Map.Entry<Long, Long> above = ranges.ceilingEntry(address);
        if (below != null && below.getKey() + below.getValue() > address
            || above != null && address + sizeBytes > above.getKey()) {
            final Map.Entry<Long, Long> other = below != null && below.getKey() + below.getValue() > address ? below
                : above;
            throw new InvalidArgumentException("user memory overlaps a registration: address=0x"
                + Long.toHexString(address) + ", sizeBytes=" + sizeBytes + ", registeredAddress=0x"
                + Long.toHexString(other.getKey()) + ", registeredBytes=" + other.getValue());
        }
        ranges.put(address, sizeBytes);
        return true;
    }

    /**
     * A view of registered memory {@code [address, address + length)}, sliced from the registration's view, or null
     * when the range is not registered or its registration is too large for one view.
     */
    synchronized ByteBuffer view(final long address, final int lengthBytes) {
        final Map.Entry<Long, Long> e = ranges.floorEntry(address);
        if (e == null || address - e.getKey() > e.getValue() - lengthBytes) {
            return null;
        }
        final ByteBuffer base = views.get(e.getKey());
        if (base == null) {
            return null;
        }
        final int from = (int) (address - e.getKey());
        return base.duplicate().position(from).limit(from + lengthBytes).slice();
    }

    /** Removes a registration; an unknown address is ignored. */
    synchronized boolean unregister(final long address) {
        Validate.isTrue(address != 0, "user memory address must not be null: address=0");
        owners.remove(address);
        views.remove(address);
        return ranges.remove(address) != null;
    }

    synchronized boolean contains(final long address, final long sizeBytes) {
        final Map.Entry<Long, Long> e = ranges.floorEntry(address);
        return e != null && address - e.getKey() <= e.getValue() - sizeBytes;
    }

    synchronized int count() {
        return ranges.size();
    }

    synchronized void clear() {
        ranges.clear();
        owners.clear();
        views.clear();
    }
}
