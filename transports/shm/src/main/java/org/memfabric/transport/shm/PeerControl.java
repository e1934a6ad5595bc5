package org.memfabric.transport.shm;

import java.util.concurrent.TimeUnit;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.memory.HostIdentity;
import org.memfabric.transport.spi.PeerDescriptor;

/**
 * A requester's mapping of one peer endpoint's control table, with the checks made before every access: the
 * endpoint must be OPEN and its process alive. Liveness is asked of the kernel ({@code kill(pid, 0)}) at most every
 * {@value #LIVENESS_INTERVAL_MS} ms; once a peer is seen gone it stays gone.
 *
 * <p>Any requester thread calls {@link #checkUsable(Object)} concurrently; the liveness fields are racy on purpose
 * (two threads may both ask the kernel), never wrong. The connection that attached it calls {@link #release()} once.
 */
final class PeerControl {
    /** How often, at most, a peer's process is checked for liveness. */
    static final long LIVENESS_INTERVAL_MS = 100;
    private static final long LIVENESS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(LIVENESS_INTERVAL_MS);

    private final PeerDescriptor peer;
    private final int pid;
    private final Attachment control;
    private final ControlTable table;
    private volatile long lastLivenessCheckNs;
    private volatile boolean gone;

    private PeerControl(final PeerDescriptor peer, final int pid, final Attachment control) {
        this.peer = peer;
        this.pid = pid;
        this.control = control;
        this.table = new ControlTable(control.segment().view(0, (int) ControlTableDescriptor.CONTROL_SEGMENT_BYTES));
        this.lastLivenessCheckNs = System.nanoTime();
    }

    /**
     * Maps a peer's control table (shared through the endpoint's cache) and checks its header.
     *
     * @throws TransportException naming the peer when the table cannot be mapped or is incompatible
     */
    static PeerControl attach(final AttachmentCache cache, final PeerDescriptor peer, final ShmAddress address) {
        final Attachment control;
        try {
            control = cache.acquire(address.control());
        } catch (final MemFabricException failure) {
            throw new TransportException(ShmTransport.NAME, -1, "peer not reachable, its control segment cannot be "
                + "mapped: transport=shm, peer=" + peer.address() + ", cause=" + failure.getMessage(), failure);
        }
        final PeerControl mapped = new PeerControl(peer, address.control().pid(), control);
        final String incompatible =
            ControlTableDescriptor.checkHeader(mapped.table, address.control().pid(), address.control().nonce());
        if (incompatible != null) {
            control.release();
            throw new TransportException(ShmTransport.NAME, -1, incompatible + ", transport=shm, peer="
                + peer.address(), null);
        }
        return mapped;
    }

    PeerDescriptor peer() {
        return peer;
    }

    int pid() {
        return pid;
    }

    ControlTable table() {
        return table;
    }

    /**
     * Why the peer cannot be used now.
     *
     * @return null when it is open and alive, else the reason in {@code what: key=value} form
     */
    String unusableReason() {
        if (table.endpointStateAcquire() != ControlTableDescriptor.ENDPOINT_OPEN) {
            return "peer endpoint closed: transport=shm, peer=" + peer.address();
        }
        if (!HostIdentity.isProcessAlive(pid)) {
            gone = true;
        }
        return gone ? "peer process gone: transport=shm, pid=" + pid + ", peer=" + peer.address() : null;
    }

    /**
     * Fails unless the peer endpoint is open and its process alive.
     *
     * @param what the operation, for the message; its {@code toString()} runs only on failure
     * @throws TransportException naming the peer
     */
    void checkUsable(final Object what) {
        if (table.endpointStateAcquire() != ControlTableDescriptor.ENDPOINT_OPEN) {
            throw new TransportException(ShmTransport.NAME, -1, "peer endpoint closed: " + what, null);
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastLivenessCheckNs >= LIVENESS_INTERVAL_NS) {
            lastLivenessCheckNs = nowNs;
            if (!HostIdentity.isProcessAlive(pid)) {
                gone = true;
            }
        }
        if (gone) {
            throw new TransportException(ShmTransport.NAME, -1, "peer process gone: pid=" + pid + ", " + what, null);
        }
    }

    /** Drops this requester's use of the control mapping. */
    void release() {
        control.release();
    }
}
