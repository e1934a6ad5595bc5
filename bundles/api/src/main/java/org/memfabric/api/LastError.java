package org.memfabric.api;

import java.util.function.Supplier;

/**
 * The per-thread last-error message of the C API ({@code smem_get_last_err_msg} and
 * {@code smem_get_and_clear_last_err_msg}).
 *
 * <p>Each thread has its own message. Every {@link MemFabricException} thrown out of a public API method is recorded
 * here on the thread that called the method; asynchronous completions record on the thread that observes them
 * (the one that calls {@code join()} / {@code wait}). Messages are stored verbatim: empty strings, very long strings
 * and embedded newlines survive unchanged. Without a recorded error both getters return an empty string, never
 * null.
 */
public final class LastError {
    private static final ThreadLocal<String> MESSAGE = ThreadLocal.withInitial(() -> "");

    private LastError() {
    }

    /**
     * Returns the calling thread's last error message without clearing it.
     *
     * @return the message, or an empty string
     */
    public static String get() {
        return MESSAGE.get();
    }

    /**
     * Returns the calling thread's last error message and clears it.
     *
     * @return the message, or an empty string
     */
    public static String getAndClear() {
        final String message = MESSAGE.get();
        MESSAGE.set("");
        return message;
    }

    /**
     * Sets the calling thread's last error message, replacing any previous one.
     *
     * @param message the message; null is stored as an empty string
     */
    public static void set(final String message) {
        MESSAGE.set(message == null ? "" : message);
    }

    /**
     * Records a failure as the calling thread's last error and returns it, so that implementations can write
     * {@code throw LastError.record(new InvalidArgumentException(...))}.
     *
     * @param failure the failure
     * @param <E> its type
     * @return {@code failure}
     */
    public static <E extends MemFabricException> E record(final E failure) {
        set(failure.getMessage());
        return failure;
    }

    /**
     * Runs an operation of the API and records its {@link MemFabricException}, if any, as the calling thread's last
     * error before rethrowing it: the one wrapper every module's entry points use.
     *
     * @param operation the operation
     * @param <T> its result type
     * @return its result
     * @since 1.1
     */
    public static <T> T recording(final Supplier<T> operation) {
        try {
            return operation.get();
        } catch (final MemFabricException e) {
            throw record(e);
        }
    }
}
