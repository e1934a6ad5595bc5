package org.memfabric.shm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.bm.engine.BmEngine;
import org.memfabric.configstore.group.GroupEngine;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * The collective steps of {@code create}, rolled back in reverse order when one fails.
 *
 * <p>Store keys, under the session's root:
 * <pre>
 *   SHM_(id)_INC_&lt;rank&gt;            ADD counter: this rank's incarnation n of object id (1, 2, ...)
 *   SHM_(id)_S_&lt;n&gt;_                  static group: barrier/allgather rounds, EXIT, AT_NUM, SUB_&lt;key&gt;_...,
 *                                      CTX_&lt;rank&gt; (extra context)
 *   SHM_(id)_S_&lt;n&gt;_C_                create rendezvous (barriers bounded by createTimeout)
 *   SHM_(id)_B_&lt;n&gt;_                  the BM object: exports X&lt;rank&gt;, dynamic group D_...
 * </pre>
 * The incarnation keeps a re-created object (same id) away from the keys its predecessor left (its last barrier
 * round, EXIT, AT_NUM): every rank creates and destroys an id equally often, so the n-th creation of an id meets
 * the others' n-th. A failed create takes its count back. Stateless.
 */
final class ShmOpener {
    private static final FabricLogger LOG = FabricLogger.of("shm");
    /** Longest timeout the group engine takes. */
    private static final Duration GROUP_TIMEOUT_MAX = Duration.ofSeconds(Integer.MAX_VALUE);

    /** What a created object is made of. */
    static final class Parts {
        int id;
        int rank;
        int rankSize;
        long symmetricSize;
        long gva;
        BigMemory bm;
        GroupEngine group;
        ConfigStore groupStore;
        TransportCatalog catalog;
        Set<DataOpKind> allowed;
    }

    /** What create was asked for. */
    static final class Request {
        int id;
        int rankSize;
        int rankId;
        long symmetricSize;
        Set<DataOpKind> allowed;
    }

    private ShmOpener() {
    }

    /**
     * Runs create's steps: count the incarnation, open the static group and the create rendezvous, barrier (every
     * rank exists), open the BM object (one device slot of symmetricSize per rank), join BM's group (publishes this
     * rank, imports the others), barrier (every rank imported every other).
     *
     * @param root the session's store
     * @param settings the SHM settings
     * @param request the arguments
     * @param catalog the transports
     * @param devices the device memory provider
     * @return the parts of the object
     */
    static Parts open(final ConfigStore root, final ShmSettings settings, final Request request,
        final TransportCatalog catalog, final DeviceMemoryProvider devices) {
        final String base = "SHM_(" + request.id + ")_";
        final String counter = base + "INC_" + request.rankId;
        final long incarnation = root.add(counter, 1);
        final Deque<Runnable> undo = new ArrayDeque<>();
        undo.push(() -> root.add(counter, -1));
        try {
            final ConfigStore groupStore = root.withPrefix(base + "S_" + incarnation + "_");
            final GroupEngine group = GroupEngine.createStatic(groupStore, request.rankId, request.rankSize,
                bounded(settings.controlTimeout));
            undo.push(group::close);
            final GroupEngine rendezvous = GroupEngine.createStatic(groupStore.withPrefix("C_"), request.rankId,
                request.rankSize, bounded(settings.createTimeout));
            undo.push(rendezvous::close);
            rendezvous.barrier();
            final BigMemory bm = BmEngine.open(new BmEngine.Spec().id(request.id)
                .label("memfabric-shm" + request.id + "-g" + incarnation + "-r" + request.rankId)
                .store(root.withPrefix(base + "B_" + incarnation + "_"))
                .rank(request.rankId, request.rankSize)
                .slots(0, request.symmetricSize)
                .kinds(request.allowed)
                .endpointConfig(BmEngine.endpointConfig("shm" + request.id + "-rank" + request.rankId,
                    request.rankId, settings.nicUrl, settings.controlTimeout.toMillis()))
                .catalog(catalog)
                .devices(devices)
                .controlTimeout(settings.controlTimeout));
            undo.push(bm::close);
            bm.join(0);
            rendezvous.barrier();
            rendezvous.close();
            final Parts p = new Parts();
            p.id = request.id;
            p.rank = request.rankId;
            p.rankSize = request.rankSize;
            p.symmetricSize = request.symmetricSize;
            p.gva = bm.ptr(BmMemType.DEVICE, 0);
            p.bm = bm;
            p.group = group;
            p.groupStore = groupStore;
            p.catalog = catalog;
            p.allowed = request.allowed;
            LOG.info("shm created: id=" + request.id + ", rank=" + request.rankId + ", rankSize=" + request.rankSize
                + ", symmetricSize=" + request.symmetricSize + ", incarnation=" + incarnation + ", gva=0x"
                + Long.toHexString(p.gva) + ", kinds=" + request.allowed);
            return p;
        } catch (final RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (final MemFabricException s) {
                    e.addSuppressed(s);
                }
            }
            throw e;
        }
    }

    private static Duration bounded(final Duration timeout) {
        return timeout.compareTo(GROUP_TIMEOUT_MAX) > 0 ? GROUP_TIMEOUT_MAX : timeout;
    }
}
