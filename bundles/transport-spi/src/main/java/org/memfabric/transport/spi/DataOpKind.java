package org.memfabric.transport.spi;

import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.shm.ShmDataOpType;

/**
 * The data-operation kinds a transport serves: the union of the seeds' {@code smem_bm_data_op_type} and
 * {@code smem_shm_data_op_type} values plus {@link #LOCAL} for peers inside the same JVM.
 *
 * <p>Each kind has a stable {@link #bit()} of this SPI (not the C bit, which differs between BM and SHM) used
 * when descriptors carry a set of kinds as bytes; {@link #fromBm(BmDataOpType)} and {@link #fromShm(ShmDataOpType)}
 * map the API enums.
 */
public enum DataOpKind {
    /** Copy engine between devices of one server or super-pod, or a memcpy engine between mappings (bit 1). */
    SDMA(1),
    /** Direct load/store into a peer's mapped memory (bit 2). */
    MTE(2),
    /** RDMA over the accelerator's NIC (RoCE) (bit 4). */
    DEVICE_RDMA(4),
    /** Host RDMA over RDMA NICs (bit 8). */
    HOST_RDMA(8),
    /** Host TCP (bit 16). */
    HOST_TCP(16),
    /** Host URMA (UB) (bit 32). */
    HOST_URMA(32),
    /** In-process: both endpoints live in this JVM (bit 64). */
    LOCAL(64);

    private final int bit;

    DataOpKind(final int bit) {
        this.bit = bit;
    }

    /**
     * The stable bit of this kind inside SPI descriptors.
     *
     * @return the bit value
     */
    public int bit() {
        return bit;
    }

    /**
     * The bit mask of a set of kinds.
     *
     * @param kinds the set
     * @return the mask
     */
    public static int toMask(final Set<DataOpKind> kinds) {
        int mask = 0;
        for (final DataOpKind kind : Validate.notNull("kinds", kinds)) {
            mask |= kind.bit;
        }
        return mask;
    }

    /**
     * The set of kinds for a bit mask.
     *
     * @param mask a mask of known bits; zero gives the empty set
     * @return the set
     * @throws org.memfabric.api.InvalidArgumentException when unknown bits are set
     */
    public static Set<DataOpKind> fromMask(final int mask) {
        final Set<DataOpKind> kinds = EnumSet.noneOf(DataOpKind.class);
        int rest = mask;
        for (final DataOpKind kind : values()) {
            if ((mask & kind.bit) != 0) {
                kinds.add(kind);
                rest &= ~kind.bit;
            }
        }
        Validate.isTrue(rest == 0, "data op kind mask has unknown bits: mask=" + mask + ", unknownBits=" + rest);
        return kinds;
    }

    /**
     * The kind a BM data-operation type asks for.
     *
     * @param type the BM type
     * @return the kind
     */
    public static DataOpKind fromBm(final BmDataOpType type) {
        switch (Validate.notNull("type", type)) {
            case SDMA:
                return SDMA;
            case HOST_RDMA:
                return HOST_RDMA;
            case HOST_TCP:
                return HOST_TCP;
            case DEVICE_RDMA:
                return DEVICE_RDMA;
            case HOST_URMA:
                return HOST_URMA;
            default:
                throw new IllegalStateException("unmapped BM data op type: type=" + type);
        }
    }

    /**
     * The transport kinds a set of BM data-operation types (BM's and TRANS's {@code dataOpTypes}) allows: each type's
     * kind, and with {@code SDMA} also same-host load/store ({@code MTE}) and in-process copies ({@code LOCAL}),
     * which are what SDMA means on a host without accelerators.
     *
     * @param types the BM types, non-empty
     * @return the kinds
     * @since 1.1
     */
    public static Set<DataOpKind> allowedByBm(final Set<BmDataOpType> types) {
        Validate.isTrue(types != null && !types.isEmpty(), "dataOpTypes must not be empty: dataOpTypes=" + types);
        final Set<DataOpKind> kinds = EnumSet.noneOf(DataOpKind.class);
        for (final BmDataOpType t : types) {
            kinds.add(fromBm(t));
            if (t == BmDataOpType.SDMA) {
                kinds.add(MTE);
                kinds.add(LOCAL);
            }
        }
        return kinds;
    }

    /**
     * The kind an SHM data-operation type asks for; SHM's {@code RDMA} (Python {@code ROCE}) is device RDMA.
     *
     * @param type the SHM type
     * @return the kind
     */
    public static DataOpKind fromShm(final ShmDataOpType type) {
        switch (Validate.notNull("type", type)) {
            case MTE:
                return MTE;
            case SDMA:
                return SDMA;
            case RDMA:
                return DEVICE_RDMA;
            default:
                throw new IllegalStateException("unmapped SHM data op type: type=" + type);
        }
    }
}
