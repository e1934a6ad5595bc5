package org.memfabric.shm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Maps between SHM's data-operation types and the transport SPI's kinds. Stateless.
 *
 * <p>Reach on a CPU host, by what the transport that carries a peer's copies serves:
 * <ul>
 *   <li>{@link DataOpKind#MTE} (a mapped same-host pool: load/store through a view) → {@link ShmDataOpType#MTE};</li>
 *   <li>{@link DataOpKind#SDMA} or {@link DataOpKind#LOCAL} (memory copies on this host or in this JVM) →
 *       {@link ShmDataOpType#SDMA};</li>
 *   <li>a network kind (host TCP, host RDMA, URMA, device RDMA) → {@link ShmDataOpType#RDMA}, meaning "remote
 *       one-sided access over the network".</li>
 * </ul>
 */
final class ShmKinds {
    /** Transport kinds that reach a peer over the network. */
    static final Set<DataOpKind> NETWORK = Collections.unmodifiableSet(EnumSet.of(DataOpKind.HOST_TCP,
        DataOpKind.HOST_RDMA, DataOpKind.HOST_URMA, DataOpKind.DEVICE_RDMA));
    /** Transport kinds that reach a peer on this host. */
    static final Set<DataOpKind> SAME_HOST = Collections.unmodifiableSet(EnumSet.of(DataOpKind.MTE, DataOpKind.SDMA,
        DataOpKind.LOCAL));

    private ShmKinds() {
    }

    /**
     * The transport kinds an object created with these types may use: MTE or SDMA allow every same-host kind
     * (mapped pools, memory copies, in-process), RDMA allows every network kind.
     *
     * @param types the requested types, not empty
     * @return the kinds
     */
    static Set<DataOpKind> allowedKinds(final Set<ShmDataOpType> types) {
        final Set<DataOpKind> kinds = EnumSet.noneOf(DataOpKind.class);
        if (types.contains(ShmDataOpType.MTE) || types.contains(ShmDataOpType.SDMA)) {
            kinds.addAll(SAME_HOST);
        }
        if (types.contains(ShmDataOpType.RDMA)) {
            kinds.addAll(NETWORK);
        }
        return kinds;
    }

    /**
     * The SHM reach a transport's kinds give, restricted to the allowed kinds.
     *
     * @param transportKinds what the transport serves
     * @param allowed the kinds the object may use
     * @return the reach; empty when none is allowed
     */
    static Set<ShmDataOpType> reach(final Set<DataOpKind> transportKinds, final Set<DataOpKind> allowed) {
        final Set<DataOpKind> usable = EnumSet.noneOf(DataOpKind.class);
        usable.addAll(transportKinds);
        usable.retainAll(allowed);
        final Set<ShmDataOpType> reach = EnumSet.noneOf(ShmDataOpType.class);
        if (usable.contains(DataOpKind.MTE)) {
            reach.add(ShmDataOpType.MTE);
        }
        if (usable.contains(DataOpKind.SDMA) || usable.contains(DataOpKind.LOCAL)) {
            reach.add(ShmDataOpType.SDMA);
        }
        for (final DataOpKind k : NETWORK) {
            if (usable.contains(k)) {
                reach.add(ShmDataOpType.RDMA);
            }
        }
        return reach;
    }

    /**
     * The SHM types the available transports of a catalog give, restricted to the allowed kinds.
     *
     * @param catalog the transports
     * @param allowed the kinds that may be used
     * @return the union of their reach
     */
    static Set<ShmDataOpType> supported(final TransportCatalog catalog, final Set<DataOpKind> allowed) {
        final Set<ShmDataOpType> all = EnumSet.noneOf(ShmDataOpType.class);
        for (final Transport t : catalog.byPriority()) {
            if (t.availability().isAvailable()) {
                all.addAll(reach(t.kinds(), allowed));
            }
        }
        return all;
    }

    /**
     * The kinds of a transport of the catalog, by name.
     *
     * @param catalog the transports
     * @param name the transport name
     * @return its kinds; empty when no such transport is in the catalog (any more)
     */
    static Set<DataOpKind> kindsOf(final TransportCatalog catalog, final String name) {
        for (final Transport t : catalog.byPriority()) {
            if (t.name().equals(name)) {
                return t.kinds();
            }
        }
        return Collections.emptySet();
    }
}
