package org.memfabric.transport.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;

/**
 * Whether an endpoint can reach a peer, by which data-op kinds, and if not, why. Immutable. The SPI counterpart of
 * the seeds' {@code topology_can_reach} reach information.
 */
public final class Reachability {
    private final Set<DataOpKind> kinds;
    private final String reason;

    private Reachability(final Set<DataOpKind> kinds, final String reason) {
        this.kinds = kinds;
        this.reason = reason;
    }

    /**
     * The peer is reachable.
     *
     * @param kinds the kinds by which it is reachable, not empty
     * @return the instance
     */
    public static Reachability reachable(final Set<DataOpKind> kinds) {
        Validate.notNull("kinds", kinds);
        Validate.isTrue(!kinds.isEmpty(), "a reachable peer needs at least one data op kind: kinds=[]");
        return new Reachability(Collections.unmodifiableSet(EnumSet.copyOf(kinds)), "");
    }

    /**
     * The peer is not reachable.
     *
     * @param reason why, in {@code what: key=value} form
     * @return the instance
     */
    public static Reachability unreachable(final String reason) {
        return new Reachability(Collections.emptySet(), Validate.notEmpty("reason", reason));
    }

    /**
     * Whether the peer is reachable.
     *
     * @return true when at least one kind reaches it
     */
    public boolean isReachable() {
        return !kinds.isEmpty();
    }

    /**
     * The kinds by which the peer is reachable.
     *
     * @return an unmodifiable set, empty when unreachable
     */
    public Set<DataOpKind> kinds() {
        return kinds;
    }

    /**
     * The C-style reach mask of {@link DataOpKind#bit()}s.
     *
     * @return the mask, 0 when unreachable
     */
    public int mask() {
        return DataOpKind.toMask(kinds);
    }

    /**
     * Why the peer is not reachable.
     *
     * @return the reason, empty when reachable
     */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return isReachable() ? "reachable: kinds=" + kinds : "unreachable: " + reason;
    }
}
