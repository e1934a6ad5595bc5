package org.memfabric.api.shm;

import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;

/**
 * Data-operation kinds and reach bits of {@code smem_shm_data_op_type}: MTE (direct load/store into a peer's slot),
 * SDMA (copy engine) and RDMA (device RoCE). On hosts without accelerators, same-host peers are reachable by MTE
 * (mapped views) and SDMA (memcpy engine); others by RDMA-style one-sided transfers over the host transports.
 */
public enum ShmDataOpType {
    /** Direct load/store (bit 1). */
    MTE(1),
    /** Copy engine (bit 2). */
    SDMA(2),
    /** RDMA; the Python enum calls it {@code ROCE} (bit 4). */
    RDMA(4);

    private final int bit;

    ShmDataOpType(final int bit) {
        this.bit = bit;
    }

    /**
     * The bit of the C enum.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    /**
     * The C bit mask of a set.
     *
     * @param types the set
     * @return the mask
     */
    public static int toMask(final Set<ShmDataOpType> types) {
        int mask = 0;
        for (final ShmDataOpType t : types) {
            mask |= t.bit;
        }
        return mask;
    }

    /**
     * The set for a C bit mask (0 gives the empty set: "not reachable").
     *
     * @param mask a mask of known bits
     * @return the set
     */
    public static Set<ShmDataOpType> fromMask(final int mask) {
        final Set<ShmDataOpType> set = EnumSet.noneOf(ShmDataOpType.class);
        for (final ShmDataOpType t : values()) {
            if ((mask & t.bit) != 0) {
                set.add(t);
            }
        }
        Validate.isTrue(toMask(set) == mask, "dataOpType must combine bits MTE=1, SDMA=2, RDMA=4: dataOpType=" + mask);
        return set;
    }
}
