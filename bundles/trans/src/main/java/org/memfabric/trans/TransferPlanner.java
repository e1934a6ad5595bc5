package org.memfabric.trans;

import java.nio.ByteBuffer;
import java.util.List;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferRequest;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.TransferDirection;
import org.memfabric.transport.spi.TransferOp;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Turns requests (local address, peer address, length) into a {@link TransferPlan}: the local range must lie in
 * memory this engine registered, the remote range in one region the peer published; both are cut at chunk
 * boundaries and each piece becomes one {@link TransferOp} on the route chosen for its remote region.
 *
 * <p>Threading: any data-path thread; it only reads the engine's registration snapshot and the peer's immutable
 * record.
 */
final class TransferPlanner {
    /** Outcome of planning against one peer record: a plan, or the first request outside its regions. */
    static final class Outcome {
        private final TransferPlan plan;
        private final TransferRequest missing;

        private Outcome(final TransferPlan plan, final TransferRequest missing) {
            this.plan = plan;
            this.missing = missing;
        }

        TransferPlan plan() {
            return plan;
        }

        /** The first request whose remote range the peer's record does not hold, or null. */
        TransferRequest missing() {
            return missing;
        }
    }

    private final String self;
    private final LocalMemory local;
    private final TransportCatalog catalog;
    private final TransEndpoints endpoints;

    TransferPlanner(final String self, final LocalMemory local, final TransportCatalog catalog,
        final TransEndpoints endpoints) {
        this.self = self;
        this.local = local;
        this.catalog = catalog;
        this.endpoints = endpoints;
    }

    /**
     * Checks the local side of every request.
     *
     * @return the registration holding each request's local range, by request index
     * @throws InvalidArgumentException for the first local range outside this engine's registered memory
     */
    LocalRegion[] checkLocal(final List<TransferRequest> requests) {
        final LocalRegion[] mine = new LocalRegion[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            final TransferRequest r = requests.get(i);
            mine[i] = local.find(r.localAddress(), r.length());
            if (mine[i] == null) {
                throw new InvalidArgumentException("local address not in memory this engine registered: uniqueId="
                    + self + ", index=" + i + ", localAddr=0x" + Long.toHexString(r.localAddress()) + ", size="
                    + r.length());
            }
        }
        return mine;
    }

    /**
     * Plans every request against a peer; stops at the first one whose remote range the record does not hold.
     *
     * @param mine the local registrations {@link #checkLocal} found for the requests
     * @throws org.memfabric.api.TransportException when no transport reaches a region
     */
    Outcome plan(final RemotePeer peer, final TransferDirection direction, final List<TransferRequest> requests,
        final LocalRegion[] mine) {
        final TransferPlan plan = new TransferPlan(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            final TransferRequest r = requests.get(i);
            final RemotePeer.RemoteRegion region = peer.find(r.remoteAddress(), r.length());
            if (region == null) {
                return new Outcome(null, r);
            }
            final RemotePeer.Route route = peer.route(region, catalog, endpoints);
            add(plan, direction, route, region, mine[i], r);
        }
        return new Outcome(plan, null);
    }

    private static void add(final TransferPlan plan, final TransferDirection direction, final RemotePeer.Route route,
        final RemotePeer.RemoteRegion region, final LocalRegion mine, final TransferRequest r) {
        final PeerConnection c = route.connection();
        long done = 0;
        while (done < r.length()) {
            final long at = r.localAddress() + done;
            final long remoteOffset = r.remoteAddress() + done - region.address();
            final int chunk = (int) (remoteOffset / LocalRegion.CHUNK_BYTES);
            final long inChunk = remoteOffset - chunk * LocalRegion.CHUNK_BYTES;
            final long n = Math.min(Math.min(r.length() - done, LocalRegion.CHUNK_BYTES - inChunk),
                mine.chunkRemaining(at));
            final ByteBuffer buffer = mine.chunkHolding(at);
            final int index = mine.indexInChunk(at);
            plan.add(c, direction == TransferDirection.WRITE
                ? TransferOp.write(buffer, index, (int) n, route.chunk(chunk), inChunk)
                : TransferOp.read(route.chunk(chunk), inChunk, buffer, index, (int) n));
            done += n;
        }
    }

    /**
     * The message for a request outside the peer's registered memory.
     *
     * @return the exception
     */
    static InvalidArgumentException outside(final RemotePeer peer, final TransferRequest r) {
        if (peer.record().roleCode() == TransRole.SENDER.code()) {
            return new InvalidArgumentException("peer offers no memory, its role is SENDER: uniqueId="
                + peer.uniqueId() + ", remoteAddr=0x" + Long.toHexString(r.remoteAddress()) + ", size=" + r.length());
        }
        return new InvalidArgumentException("remote address outside the peer's registered memory: uniqueId="
            + peer.uniqueId() + ", remoteAddr=0x" + Long.toHexString(r.remoteAddress()) + ", size=" + r.length()
            + ", peerRegions=" + peer.record().regions().size());
    }
}
