package org.memfabric.configstore.group;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.OperationTimeoutException;

/** A point in time by which a control operation must finish. Immutable. */
final class Deadline {
    private final long deadlineNanos;
    private final Duration timeout;

    private Deadline(final Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    static Deadline after(final Duration timeout) {
        return new Deadline(timeout);
    }

    /** Time left, at least one millisecond so that a store wait is never "do not wait". */
    Duration left() {
        return Duration.ofMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    OperationTimeoutException timeout(final String what) {
        return new OperationTimeoutException(ErrorCode.SM_TIMEOUT, what + ", timeoutMs=" + timeout.toMillis());
    }
}
