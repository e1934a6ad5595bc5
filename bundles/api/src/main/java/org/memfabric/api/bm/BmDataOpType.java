package org.memfabric.api.bm;

import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;

/**
 * Data-operation kinds of {@code smem_bm_data_op_type}: which engines may move a rank's bytes. Combined as a set;
 * {@link #toMask(Set)} and {@link #fromMask(int)} convert to the C bit mask. On hosts without accelerators the
 * same-host transport plays SDMA (copy engine) and the TCP transport plays HOST_TCP.
 */
public enum BmDataOpType {
    /** Device copy engine between devices of one server or super-pod (bit 1). */
    SDMA(1),
    /** Host RDMA ("hcom" over RDMA NICs) (bit 2). */
    HOST_RDMA(2),
    /** Host TCP (bit 4). */
    HOST_TCP(4),
    /** Device RDMA, RoCE on the accelerator's NIC (bit 8). The Python enum calls it {@code ROCE}. */
    DEVICE_RDMA(8),
    /** Host URMA (UB) (bit 16). */
    HOST_URMA(16);

    private final int bit;

    BmDataOpType(final int bit) {
        this.bit = bit;
    }

    /**
     * The bit of the C enum.
     *
     * @return the bit value
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
    public static int toMask(final Set<BmDataOpType> types) {
        int mask = 0;
        for (final BmDataOpType t : types) {
            mask |= t.bit;
        }
        return mask;
    }

    /**
     * The set for a C bit mask.
     *
     * @param mask a mask of known bits, at least one set
     * @return the set
     */
    public static Set<BmDataOpType> fromMask(final int mask) {
        final Set<BmDataOpType> set = EnumSet.noneOf(BmDataOpType.class);
        int rest = mask;
        for (final BmDataOpType t : values()) {
            if ((mask & t.bit) != 0) {
                set.add(t);
                rest &= ~t.bit;
            }
        }
        Validate.isTrue(rest == 0 && !set.isEmpty(),
            "dataOpType must combine bits SDMA=1, HOST_RDMA=2, HOST_TCP=4, DEVICE_RDMA=8, HOST_URMA=16: dataOpType="
                + mask);
        return set;
    }
}
