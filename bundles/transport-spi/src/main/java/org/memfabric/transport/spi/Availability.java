package org.memfabric.transport.spi;

import java.util.Objects;
import java.util.Optional;

import org.memfabric.api.LastError;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;

/**
 * Whether a transport can work on this host, and if not, why: the result of a probe made once.
 *
 * <p>Immutable and thread-safe. A native transport keeps one instance in a {@code static final} field computed by
 * {@link #probe(String, Probe)} (as Netty's {@code Epoll} keeps its unavailability cause), so the probe runs once per
 * class loader and every later question gets the same answer, cause included. A transport that cannot bind still
 * registers its service with {@link TransportServiceProperties#AVAILABLE} {@code "false"} and the
 * {@link #reason()} as {@link TransportServiceProperties#UNAVAILABLE_CAUSE}, so {@code doctor} can say why.
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "", null);

    private final boolean available;
    private final String reason;
    private final Throwable cause;

    private Availability(final boolean available, final String reason, final Throwable cause) {
        this.available = available;
        this.reason = reason;
        this.cause = cause;
    }

    /**
     * A probe of a native facility: loads a library, opens and closes a device list, and throws when that fails.
     */
    @FunctionalInterface
    public interface Probe {
        /**
         * Runs the probe.
         *
         * @throws Exception when the facility cannot be used; {@link LinkageError}s are caught as well
         */
        void run() throws Exception;
    }

    /**
     * The transport can work here.
     *
     * @return the shared "available" instance
     */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The transport cannot work here for a reason that has no exception, e.g. a kill switch.
     *
     * @param reason a one-line reason in {@code what: key=value} form, e.g.
     *     {@code "disabled by configuration: memfabric.rdma.disabled=true"}
     * @return the instance
     */
    public static Availability unavailable(final String reason) {
        return new Availability(false, Validate.notEmpty("reason", reason), null);
    }

    /**
     * The transport cannot work here because of a failure, which is kept.
     *
     * @param cause the failure, e.g. the {@link UnsatisfiedLinkError} of loading the native library
     * @return the instance; its reason is {@code cause.toString()}
     */
    public static Availability unavailable(final Throwable cause) {
        Validate.notNull("cause", cause);
        return new Availability(false, cause.toString(), cause);
    }

    /**
     * The transport cannot work here because of a failure, with context added.
     *
     * @param reason a one-line reason in {@code what: key=value} form
     * @param cause the failure, kept
     * @return the instance
     */
    public static Availability unavailable(final String reason, final Throwable cause) {
        return new Availability(false, Validate.notEmpty("reason", reason), Validate.notNull("cause", cause));
    }

    /**
     * Runs a probe once and keeps its outcome. Any {@link Exception} or {@link LinkageError} the probe throws makes
     * the result unavailable, with reason {@code "<facility> not available: <cause>"} and the cause kept;
     * {@link VirtualMachineError}s pass through.
     *
     * @param facility what was probed, e.g. {@code "libibverbs"}
     * @param probe the probe
     * @return the outcome
     */
    public static Availability probe(final String facility, final Probe probe) {
        Validate.notEmpty("facility", facility);
        Validate.notNull("probe", probe);
        try {
            probe.run();
            return AVAILABLE;
        } catch (final Exception | LinkageError failure) {
            return unavailable(facility + " not available: " + failure, failure);
        }
    }

    /**
     * Whether the transport can work here.
     *
     * @return true when available
     */
    public boolean isAvailable() {
        return available;
    }

    /**
     * Why the transport cannot work here: one line, empty when available.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * The failure that made the transport unavailable, when there was one.
     *
     * @return the cause, or empty when available or unavailable without an exception
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * Fails unless available. The cause, when there is one, is attached as a suppressed exception, since
     * {@link NotSupportedException} has no cause constructor.
     *
     * @param transportName the transport's name, for the message
     * @throws NotSupportedException when unavailable, with message
     *     {@code "transport not available: transport=<name>, reason=<reason>"}
     */
    public void ensureAvailable(final String transportName) {
        if (available) {
            return;
        }
        throw LastError.record(new NotSupportedException(
            "transport not available: transport=" + transportName + ", reason=" + reason, cause));
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Availability)) {
            return false;
        }
        final Availability that = (Availability) other;
        return available == that.available && reason.equals(that.reason) && Objects.equals(cause, that.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(available, reason, cause);
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
