package org.memfabric.bm;

import java.nio.ByteBuffer;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.Validate;
import org.memfabric.api.bm.BmCopyType;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.memory.NativeMemory;

/**
 * Checks a copy completely before anything moves and turns it into a {@link CopyPlan}: null or zero arguments,
 * the direction against the addresses (GH sides must be in the host window, AUTO infers each side from its value,
 * local-to-local is refused), every global range inside one rank's slot and inside what that rank contributes, the
 * rank a member, and every local range inside memory this process registered (user memory or its own pools) so a
 * wrong address is an error, never a crash. Stateless apart from the objects it consults; thread-safe.
 */
final class CopyPlanner {
    private final GvaLayout layout;
    private final int selfRank;
    private final LocalPools pools;
    private final UserMemory userMemory;
    private final PeerRoutes routes;

    CopyPlanner(final GvaLayout layout, final int selfRank, final LocalPools pools, final UserMemory userMemory,
        final PeerRoutes routes) {
        this.layout = layout;
        this.selfRank = selfRank;
        this.pools = pools;
        this.userMemory = userMemory;
        this.routes = routes;
    }

    CopyPlan plan(final long src, final long dest, final long sizeBytes, final BmCopyType type) {
        Validate.notNull("copyType", type);
        Validate.isTrue(src != 0, "copy source must not be null: src=0");
        Validate.isTrue(dest != 0, "copy destination must not be null: dest=0");
        Validate.positive("size", sizeBytes);
        final boolean srcGlobal = type == BmCopyType.AUTO ? GvaLayout.isGlobal(src) : type.sourceIsGlobal();
        final boolean destGlobal = type == BmCopyType.AUTO ? GvaLayout.isGlobal(dest) : type.destinationIsGlobal();
        if (!srcGlobal && !destGlobal) {
            throw new InvalidArgumentException("local to local copies are not bm copies: src=0x" + Long.toHexString(src)
                + ", dest=0x" + Long.toHexString(dest) + ", type=" + type);
        }
        final GlobalRange s = srcGlobal ? global("src", src, sizeBytes, type, hostOnlySource(type)) : null;
        final GlobalRange d = destGlobal ? global("dest", dest, sizeBytes, type, hostOnlyDestination(type)) : null;
        if (!srcGlobal) {
            local("src", src, sizeBytes, type);
        }
        if (!destGlobal) {
            local("dest", dest, sizeBytes, type);
        }
        return new CopyPlan(sizeBytes, s, d, srcGlobal ? 0 : src, destGlobal ? 0 : dest, null, null);
    }

    /** A copy from a caller's direct buffer (position to limit) to a GVA. */
    CopyPlan planFromBuffer(final ByteBuffer src, final long destGva) {
        final ByteBuffer b = direct("src", src);
        final GlobalRange d = global("dest", destGva, b.remaining(), BmCopyType.H2G, false);
        return new CopyPlan(b.remaining(), null, d, 0, 0, b.slice(), null);
    }

    /** A copy from a GVA into a caller's direct buffer (position to limit). */
    CopyPlan planToBuffer(final long srcGva, final ByteBuffer dest) {
        final ByteBuffer b = direct("dest", dest);
        Validate.isTrue(!b.isReadOnly(), "dest must be writable: dest=read-only ", dest);
        final GlobalRange s = global("src", srcGva, b.remaining(), BmCopyType.G2H, false);
        return new CopyPlan(b.remaining(), s, null, 0, 0, null, b.slice());
    }

    /** Checks that a global range (for example a 2D copy's whole extent) is valid. */
    GlobalRange checkGlobal(final String side, final long gva, final long sizeBytes) {
        return global(side, gva, sizeBytes, BmCopyType.G2G, false);
    }

    private static ByteBuffer direct(final String side, final ByteBuffer buffer) {
        Validate.notNull(side, buffer);
        if (!buffer.isDirect() || !buffer.hasRemaining()) { // the side's name is joined only on failure
            Validate.isTrue(buffer.isDirect(), side + " must be a direct buffer: " + side + "=", buffer);
            Validate.isTrue(buffer.hasRemaining(), side + " has no remaining bytes: " + side + "=", buffer);
        }
        return buffer.duplicate();
    }

    private GlobalRange global(final String side, final long gva, final long sizeBytes, final BmCopyType type,
        final boolean hostOnly) {
        if (!GvaLayout.isGlobal(gva)) {
            throw new InvalidArgumentException("copy " + side + " must be a global address for this direction: "
                + side + "=0x" + Long.toHexString(gva) + ", type=" + type);
        }
        final GlobalRange g = layout.resolve(gva, sizeBytes);
        if (hostOnly && g.type() != BmMemType.HOST) {
            throw new InvalidArgumentException("copy " + side + " must lie in the global host pool for " + type + ": "
                + side + "=0x" + Long.toHexString(gva) + ", memType=" + g.type());
        }
        final boolean host = g.type() == BmMemType.HOST;
        final long contributed = g.rank() == selfRank ? pools.sizeBytes(host) : routes.poolBytes(g.rank(), host);
        if (contributed < 0) {
            throw new InvalidArgumentException("copy " + side + " belongs to a rank that is not a member: " + side
                + "=0x" + Long.toHexString(gva) + ", rank=" + g.rank() + ", self=" + selfRank + ", members="
                + routes.ranks());
        }
        if (g.offsetBytes() + sizeBytes > contributed) {
            throw new InvalidArgumentException("copy " + side + " range beyond what its rank contributes: " + side
                + "=0x" + Long.toHexString(gva) + ", sizeBytes=" + sizeBytes + ", rank=" + g.rank() + ", memType="
                + g.type() + ", offset=" + g.offsetBytes() + ", contributedBytes=" + contributed);
        }
        return g;
    }

    private void local(final String side, final long address, final long sizeBytes, final BmCopyType type) {
        if (GvaLayout.isGlobal(address)) {
            throw new InvalidArgumentException("copy " + side + " must be a local address for this direction: " + side
                + "=0x" + Long.toHexString(address) + ", type=" + type);
        }
        if (!userMemory.contains(address, sizeBytes) && !pools.containsAddress(address, sizeBytes)) {
            throw new InvalidArgumentException("copy " + side + " is not in registered local memory (register it "
                + "with registerUserMem, or pass a direct ByteBuffer): " + side + "=0x" + Long.toHexString(address)
                + ", sizeBytes=" + sizeBytes);
        }
    }

    /** A view of checked local memory: sliced from a registration's or a pool's view when possible (no native call). */
    ByteBuffer localView(final long address, final int lengthBytes) {
        final ByteBuffer registered = userMemory.view(address, lengthBytes);
        if (registered != null) {
            return registered;
        }
        final ByteBuffer pool = pools.viewAtAddress(address, lengthBytes);
        return pool != null ? pool : NativeMemory.view(address, lengthBytes);
    }

    private static boolean hostOnlySource(final BmCopyType type) {
        return type == BmCopyType.GH2L || type == BmCopyType.GH2H;
    }

    private static boolean hostOnlyDestination(final BmCopyType type) {
        return type == BmCopyType.L2GH || type == BmCopyType.H2GH;
    }
}
