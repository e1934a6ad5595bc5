package org.memfabric.transport.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The deadline of one socket channel, enforced by a {@link TcpWatchdog}: blocking socket channels ignore
 * {@code SO_TIMEOUT}, so a channel whose operation passes its deadline is closed, which ends the blocked read or
 * write with an {@link java.nio.channels.AsynchronousCloseException}.
 *
 * <p>The thread using the channel arms, renews and disarms the deadline (one volatile write each); the watchdog thread
 * calls {@link #expireIfDue(long)}. Once expired, the channel is closed for good and {@link #expired()} tells the
 * using thread that the failure it sees was a timeout.
 */
final class TcpChannelGuard {
    private static final long DISARMED = Long.MIN_VALUE;

    private final SocketChannel channel;
    private final Runnable onExpiry;
    private volatile long deadlineNs = DISARMED;
    private volatile boolean expired;

    /**
     * Guards a channel.
     *
     * @param channel the channel to close when its deadline passes
     * @param onExpiry runs on the watchdog thread before the channel is closed (counts the timeout)
     */
    TcpChannelGuard(final SocketChannel channel, final Runnable onExpiry) {
        this.channel = channel;
        this.onExpiry = onExpiry;
    }

    /** Sets (or moves) the deadline to {@code timeoutNs} from now. */
    void arm(final long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        if (deadline == DISARMED) {
            deadline++;
        }
        deadlineNs = deadline;
    }

    /** Clears the deadline: the channel may now wait without bound (an idle link). */
    void disarm() {
        deadlineNs = DISARMED;
    }

    /**
     * Closes the channel when its deadline has passed.
     *
     * @param nowNs the watchdog's {@link System#nanoTime()}
     * @return true when this call expired the channel
     */
    boolean expireIfDue(final long nowNs) {
        final long deadline = deadlineNs;
        if (deadline == DISARMED || nowNs - deadline < 0 || expired) {
            return false;
        }
        expired = true;
        onExpiry.run();
        closeQuietly();
        return true;
    }

    /** Whether the watchdog closed the channel because its deadline passed. */
    boolean expired() {
        return expired;
    }

    /** Closes the channel; a failure to close has nothing left to report. */
    void closeQuietly() {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // the descriptor is released anyway; nothing depends on a clean close
        }
    }
}
