package org.memfabric.api.bm;

import org.memfabric.api.Validate;

/**
 * Copy directions of {@code smem_bm_copy_type}. L = local device (HBM) memory, H = local host (DRAM) memory,
 * G = any global address (host or device pool), GH = the global host pool. Local addresses are plain process
 * addresses (for example of a direct {@link java.nio.ByteBuffer}); global ones are GVAs.
 */
public enum BmCopyType {
    /** Local device memory to global. */
    L2G(0),
    /** Global to local device memory. */
    G2L(1),
    /** Global to local host memory. */
    G2H(2),
    /** Local host memory to global. */
    H2G(3),
    /** Local device memory to the global host pool. */
    L2GH(4),
    /** Global host pool to local device memory. */
    GH2L(5),
    /** Global host pool to local host memory. */
    GH2H(6),
    /** Local host memory to the global host pool. */
    H2GH(7),
    /** Global to global, including between two remote ranks. */
    G2G(8),
    /** Inferred from the addresses: GVAs are global, anything else is local. */
    AUTO(9);

    private final int code;

    BmCopyType(final int code) {
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
     * Whether the source is a global address.
     *
     * @return true for G2L, G2H, GH2L, GH2H, G2G
     */
    public boolean sourceIsGlobal() {
        return this == G2L || this == G2H || this == GH2L || this == GH2H || this == G2G;
    }

    /**
     * Whether the destination is a global address.
     *
     * @return true for L2G, H2G, L2GH, H2GH, G2G
     */
    public boolean destinationIsGlobal() {
        return this == L2G || this == H2G || this == L2GH || this == H2GH || this == G2G;
    }

    /**
     * Maps the numeric value of the C enum.
     *
     * @param code 0..9
     * @return the copy type
     */
    public static BmCopyType of(final int code) {
        return values()[Validate.inRange("copyType", code, 0, values().length - 1)];
    }
}
