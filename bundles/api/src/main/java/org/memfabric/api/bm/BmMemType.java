package org.memfabric.api.bm;

import org.memfabric.api.Validate;

/** Memory types of {@code smem_bm_mem_type}. */
public enum BmMemType {
    /** This rank's device (HBM) memory, addressed locally. */
    LOCAL_DEVICE(0),
    /** This rank's host (DRAM) memory, addressed locally. */
    LOCAL_HOST(1),
    /** The global device (HBM) pool. */
    DEVICE(2),
    /** The global host (DRAM) pool. */
    HOST(3);

    private final int code;

    BmMemType(final int code) {
        this.code = code;
    }

    /**
     * The numeric value of the C enum.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Maps the numeric value of the C enum.
     *
     * @param code 0..3
     * @return the memory type
     */
    public static BmMemType of(final int code) {
        return values()[Validate.inRange("memType", code, 0, values().length - 1)];
    }
}
