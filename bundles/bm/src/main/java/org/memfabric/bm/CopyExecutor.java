package org.memfabric.bm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.memfabric.api.TransportException;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.TransferOp;

/**
 * Moves the bytes of checked {@link CopyPlan}s. A copy is cut into pieces that stay inside one exported chunk of
 * every global side; a piece on this rank's own pool is a memcpy between views, a piece on a peer goes through the
 * peer's route as a one-sided transfer. Global-to-global copies between two peers stage through a bounce buffer of
 * {@link #BOUNCE_BYTES}. A batch sends each peer's single-piece transfers as one transport batch.
 *
 * <p>Thread-safe: any number of threads copy at once. Failures: a transport error drops the peer's route (the next
 * copy chooses again) and is rethrown naming the BM rank, the range and the transport.
 */
final class CopyExecutor {
    /** Size of the staging buffer of peer-to-peer copies. */
    static final int BOUNCE_BYTES = 4 << 20;

    private final int selfRank;
    private final LocalPools pools;
    private final PeerRoutes routes;
    private final CopyPlanner planner;
    private final ThreadLocal<ByteBuffer> bounce = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BOUNCE_BYTES));

    CopyExecutor(final int selfRank, final LocalPools pools, final PeerRoutes routes, final CopyPlanner planner) {
        this.selfRank = selfRank;
        this.pools = pools;
        this.routes = routes;
        this.planner = planner;
    }

    void execute(final CopyPlan plan) {
        final long size = plan.sizeBytes();
        long pos = 0;
        while (pos < size) {
            final int len = pieceLength(plan, pos);
            final GlobalRange s = plan.source() == null ? null : plan.source().slice(pos, len);
            final GlobalRange d = plan.destination() == null ? null : plan.destination().slice(pos, len);
            if (s != null && d != null) {
                globalToGlobal(s, d);
            } else if (s != null) {
                read(s, localDestination(plan, pos, len));
            } else {
                write(d, localSource(plan, pos, len));
            }
            pos += len;
        }
    }

    /** Runs plans; each peer's single-piece transfers go as one transport batch, the rest one by one. */
    void executeBatch(final List<CopyPlan> plans) {
        final Map<Integer, List<CopyPlan>> byPeer = new LinkedHashMap<>();
        final List<CopyPlan> others = new ArrayList<>();
        for (final CopyPlan p : plans) {
            final int peer = p.singlePeer(selfRank);
            if (peer >= 0 && pieceLength(p, 0) == p.sizeBytes()) {
                byPeer.computeIfAbsent(peer, k -> new ArrayList<>()).add(p);
            } else {
                others.add(p);
            }
        }
        for (final CopyPlan p : others) {
            execute(p);
        }
        for (final Map.Entry<Integer, List<CopyPlan>> e : byPeer.entrySet()) {
            batchToPeer(e.getKey(), e.getValue());
        }
    }

    private void batchToPeer(final int rank, final List<CopyPlan> plans) {
        final PeerRoutes.Route route = routes.acquire(rank);
        try {
            final List<TransferOp> ops = new ArrayList<>(plans.size());
            for (final CopyPlan p : plans) {
                final int len = (int) p.sizeBytes();
                if (p.source() != null) {
                    ops.add(readOp(route, p.source(), localDestination(p, 0, len)));
                } else {
                    ops.add(writeOp(route, p.destination(), localSource(p, 0, len)));
                }
            }
            try {
                route.connection().transferBatch(ops);
            } catch (final TransportException e) {
                throw failed(route, rank, "batch of " + ops.size() + " transfers", e);
            }
        } finally {
            route.release();
        }
    }

    private void globalToGlobal(final GlobalRange s, final GlobalRange d) {
        if (s.rank() == selfRank) {
            write(d, own(s));
        } else if (d.rank() == selfRank) {
            read(s, own(d));
        } else {
            final ByteBuffer stage = bounce.get();
            long done = 0;
            while (done < s.sizeBytes()) {
                final int n = (int) Math.min(BOUNCE_BYTES, s.sizeBytes() - done);
                final ByteBuffer part = stage.duplicate().clear().limit(n).slice();
                read(s.slice(done, n), part);
                write(d.slice(done, n), part.clear());
                done += n;
            }
        }
    }

    private void read(final GlobalRange s, final ByteBuffer dst) {
        if (s.rank() == selfRank) {
            dst.duplicate().put(own(s));
            return;
        }
        final PeerRoutes.Route route = routes.acquire(s.rank());
        try {
            route.connection().transfer(readOp(route, s, dst));
        } catch (final TransportException e) {
            throw failed(route, s.rank(), "read {" + s + "}", e);
        } finally {
            route.release();
        }
    }

    private void write(final GlobalRange d, final ByteBuffer src) {
        if (d.rank() == selfRank) {
            own(d).put(src.duplicate());
            return;
        }
        final PeerRoutes.Route route = routes.acquire(d.rank());
        try {
            route.connection().transfer(writeOp(route, d, src));
        } catch (final TransportException e) {
            throw failed(route, d.rank(), "write {" + d + "}", e);
        } finally {
            route.release();
        }
    }

    private static TransferOp readOp(final PeerRoutes.Route route, final GlobalRange s, final ByteBuffer dst) {
        final boolean host = s.type() == BmMemType.HOST;
        return TransferOp.read(route.chunk(host, s.offsetBytes()), s.offsetBytes() % RankExport.CHUNK_BYTES, dst,
            dst.position(), dst.remaining());
    }

    private static TransferOp writeOp(final PeerRoutes.Route route, final GlobalRange d, final ByteBuffer src) {
        final boolean host = d.type() == BmMemType.HOST;
        return TransferOp.write(src, src.position(), src.remaining(), route.chunk(host, d.offsetBytes()),
            d.offsetBytes() % RankExport.CHUNK_BYTES);
    }

    private TransportException failed(final PeerRoutes.Route route, final int rank, final String what,
        final TransportException cause) {
        if (!(cause instanceof RegionAccessException)) {
            routes.failed(rank, route);
        }
        return new TransportException(route.transport(), rank, "bm copy failed: rank=" + selfRank + ", peer=" + rank
            + ", transport=" + route.transport() + ", op=" + what + ", cause=" + cause.getMessage(), cause);
    }

    private ByteBuffer own(final GlobalRange g) {
        return pools.view(g.type() == BmMemType.HOST, g.offsetBytes(), (int) g.sizeBytes());
    }

    private ByteBuffer localSource(final CopyPlan plan, final long pos, final int len) {
        if (plan.sourceBuffer() != null) {
            return plan.sourceBuffer().duplicate().position((int) pos).limit((int) pos + len).slice();
        }
        return planner.localView(plan.localSource() + pos, len);
    }

    private ByteBuffer localDestination(final CopyPlan plan, final long pos, final int len) {
        if (plan.destinationBuffer() != null) {
            return plan.destinationBuffer().duplicate().position((int) pos).limit((int) pos + len).slice();
        }
        return planner.localView(plan.localDestination() + pos, len);
    }

    /** Largest piece from {@code pos} that stays inside one chunk of every global side. */
    private static int pieceLength(final CopyPlan plan, final long pos) {
        long len = Math.min(plan.sizeBytes() - pos, RankExport.CHUNK_BYTES);
        if (plan.source() != null) {
            len = Math.min(len, RankExport.CHUNK_BYTES - (plan.source().offsetBytes() + pos) % RankExport.CHUNK_BYTES);
        }
        if (plan.destination() != null) {
            len = Math.min(len,
                RankExport.CHUNK_BYTES - (plan.destination().offsetBytes() + pos) % RankExport.CHUNK_BYTES);
        }
        return (int) len;
    }
}
