package org.memfabric.bm;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BmMemType;

/**
 * The global virtual address (GVA) arithmetic of one BM object. A GVA is {@code base(type) + rank × slot(type) +
 * offset}; rank and offset come from arithmetic, never from a lookup. Immutable, thread-safe.
 *
 * <pre>
 *  0x0000_0000_0000_0000 .. 0x0000_7FFF_FFFF_FFFF  process addresses (x86-64 / aarch64 user space, 47 bits): local
 *  0x0000_8000_0000_0000 .. 0x0000_BFFF_FFFF_FFFF  device (HBM) window, 64 TiB: rank r's slot at base + r × deviceSlot
 *  0x0000_C000_0000_0000 .. 0x0001_3FFF_FFFF_FFFF  host (DRAM) window, 128 TiB:  rank r's slot at base + r × hostSlot
 * </pre>
 *
 * Both windows lie above the 47-bit user address space, so a GVA can never be mistaken for a process address and
 * {@link org.memfabric.api.bm.BmCopyType#AUTO} can tell them apart by value. (The original places its windows inside
 * the user space because it maps local memory at its own slot; Java cannot place mappings, so ours are names only.)
 * Slot sizes are fixed per BM object by the first rank that creates it; a rank may contribute less than a slot.
 */
final class GvaLayout {
    /** Start of the device window. */
    static final long DEVICE_BASE = 0x0000_8000_0000_0000L;
    /** Size of the device window: 64 TiB. */
    static final long DEVICE_SPAN_BYTES = 64L << 40;
    /** Start of the host window. */
    static final long HOST_BASE = 0x0000_C000_0000_0000L;
    /** Size of the host window: 128 TiB. */
    static final long HOST_SPAN_BYTES = 128L << 40;

    private final int worldSize;
    private final long hostSlotBytes;
    private final long deviceSlotBytes;

    GvaLayout(final int worldSize, final long hostSlotBytes, final long deviceSlotBytes) {
        this.worldSize = Validate.inRange("worldSize", worldSize, 1, 1024);
        Validate.isTrue(hostSlotBytes >= 0 && deviceSlotBytes >= 0 && hostSlotBytes + deviceSlotBytes > 0,
            "slot sizes must not be negative nor both 0: hostSlotBytes=" + hostSlotBytes + ", deviceSlotBytes="
                + deviceSlotBytes);
        Validate.isTrue(hostSlotBytes <= HOST_SPAN_BYTES / worldSize, "host pool does not fit the host GVA window: "
            + "hostSlotBytes=" + hostSlotBytes + ", worldSize=" + worldSize + ", windowBytes=" + HOST_SPAN_BYTES);
        Validate.isTrue(deviceSlotBytes <= DEVICE_SPAN_BYTES / worldSize, "device pool does not fit the device GVA "
            + "window: deviceSlotBytes=" + deviceSlotBytes + ", worldSize=" + worldSize + ", windowBytes="
            + DEVICE_SPAN_BYTES);
        this.hostSlotBytes = hostSlotBytes;
        this.deviceSlotBytes = deviceSlotBytes;
    }

    int worldSize() {
        return worldSize;
    }

    long slotBytes(final BmMemType type) {
        return isHost(type) ? hostSlotBytes : deviceSlotBytes;
    }

    /** The GVA of a rank's slot. */
    long ptr(final BmMemType type, final int rank) {
        Validate.notNull("memType", type);
        Validate.inRange("rank", rank, 0, worldSize - 1);
        final long slot = slotBytes(type);
        if (slot == 0) {
            throw new InvalidArgumentException("this BM has no pool of this memory type: memType=" + type
                + ", hostSlotBytes=" + hostSlotBytes + ", deviceSlotBytes=" + deviceSlotBytes);
        }
        return base(type) + rank * slot;
    }

    /** Whether a value lies inside one of the two windows (used by AUTO). */
    static boolean isGlobal(final long address) {
        return address >= DEVICE_BASE && address < HOST_BASE + HOST_SPAN_BYTES;
    }

    /**
     * Resolves a global range, which must lie inside one rank's slot.
     *
     * @throws InvalidArgumentException naming the address and size when it does not
     */
    GlobalRange resolve(final long gva, final long sizeBytes) {
        final BmMemType type = typeOf(gva);
        final long slot = slotBytes(type);
        if (slot == 0) {
            throw new InvalidArgumentException("global address in a window without pool: gva=0x"
                + Long.toHexString(gva) + ", memType=" + type);
        }
        final long rel = gva - base(type);
        final long rank = rel / slot;
        if (rank >= worldSize) {
            throw new InvalidArgumentException("global address beyond the last rank's slot: gva=0x"
                + Long.toHexString(gva) + ", memType=" + type + ", worldSize=" + worldSize);
        }
        final long offset = rel % slot;
        if (sizeBytes <= 0 || sizeBytes > slot - offset) {
            throw new InvalidArgumentException("global range crosses its rank's slot: gva=0x" + Long.toHexString(gva)
                + ", sizeBytes=" + sizeBytes + ", rank=" + rank + ", offset=" + offset + ", slotBytes=" + slot);
        }
        return new GlobalRange(type, (int) rank, offset, sizeBytes);
    }

    /** The memory type of a global address. */
    static BmMemType typeOf(final long gva) {
        if (gva >= DEVICE_BASE && gva < DEVICE_BASE + DEVICE_SPAN_BYTES) {
            return BmMemType.DEVICE;
        }
        if (gva >= HOST_BASE && gva < HOST_BASE + HOST_SPAN_BYTES) {
            return BmMemType.HOST;
        }
        throw new InvalidArgumentException("address is not a global address (GVA): address=0x"
            + Long.toHexString(gva) + ", deviceWindow=[0x" + Long.toHexString(DEVICE_BASE) + ", 0x"
            + Long.toHexString(DEVICE_BASE + DEVICE_SPAN_BYTES) + "), hostWindow=[0x" + Long.toHexString(HOST_BASE)
            + ", 0x" + Long.toHexString(HOST_BASE + HOST_SPAN_BYTES) + ")");
    }

    static boolean isHost(final BmMemType type) {
        return type == BmMemType.HOST || type == BmMemType.LOCAL_HOST;
    }

    private static long base(final BmMemType type) {
        return isHost(type) ? HOST_BASE : DEVICE_BASE;
    }

    @Override
    public String toString() {
        return "worldSize=" + worldSize + ", hostSlotBytes=" + hostSlotBytes + ", deviceSlotBytes=" + deviceSlotBytes;
    }
}
