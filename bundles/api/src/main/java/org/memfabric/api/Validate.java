package org.memfabric.api;

import java.time.Duration;

/**
 * Argument checks shared by the API's configuration classes and by the implementations. Every failure is an
 * {@link InvalidArgumentException} whose message names the argument and the value, recorded as the calling thread's
 * last error.
 */
public final class Validate {
    /** Granularity of every pooled memory size: 2 MiB. */
    public static final long SIZE_GRANULARITY = 2L * 1024 * 1024;

    private Validate() {
    }

    /**
     * Fails unless {@code value} is not null.
     *
     * @param name the argument name
     * @param value the value
     * @param <T> its type
     * @return the value
     */
    public static <T> T notNull(final String name, final T value) {
        if (value == null) {
            throw fail(name + " must not be null: " + name + "=null");
        }
        return value;
    }

    /**
     * Fails unless the string is neither null nor empty.
     *
     * @param name the argument name
     * @param value the value
     * @return the value
     */
    public static String notEmpty(final String name, final String value) {
        if (value == null || value.isEmpty()) {
            throw fail(name + " must not be empty: " + name + "=" + (value == null ? "null" : "\"\""));
        }
        return value;
    }

    /**
     * Fails unless {@code min <= value <= max}.
     *
     * @param name the argument name
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     */
    public static long inRange(final String name, final long value, final long min, final long max) {
        if (value < min || value > max) {
            throw fail(name + " must be " + min + ".." + max + ": " + name + "=" + value);
        }
        return value;
    }

    /**
     * Fails unless {@code min <= value <= max}.
     *
     * @param name the argument name
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     */
    public static int inRange(final String name, final int value, final int min, final int max) {
        return (int) inRange(name, (long) value, min, (long) max);
    }

    /**
     * Fails unless {@code value > 0}.
     *
     * @param name the argument name
     * @param value the value
     * @return the value
     */
    public static long positive(final String name, final long value) {
        if (value <= 0) {
            throw fail(name + " must be positive: " + name + "=" + value);
        }
        return value;
    }

    /**
     * Fails unless {@code value} is a multiple of 2 MiB (zero allowed) and lies in {@code [0, max]}.
     *
     * @param name the argument name
     * @param bytes the size in bytes
     * @param max the largest allowed size in bytes
     * @return the size
     */
    public static long sizeMultipleOf2MiB(final String name, final long bytes, final long max) {
        if (bytes < 0 || bytes > max) {
            throw fail(name + " must be 0.." + max + " bytes: " + name + "=" + bytes);
        }
        if (bytes % SIZE_GRANULARITY != 0) {
            throw fail(name + " must be a multiple of 2 MiB (2097152): " + name + "=" + bytes);
        }
        return bytes;
    }

    /**
     * Fails unless the timeout is at least one second and at most {@code maxSeconds}.
     *
     * @param name the argument name
     * @param timeout the timeout
     * @param maxSeconds the largest allowed number of seconds
     * @return the timeout
     */
    public static Duration timeout(final String name, final Duration timeout, final long maxSeconds) {
        notNull(name, timeout);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(maxSeconds)) > 0) {
            throw fail(name + " must be 1.." + maxSeconds + " s: " + name + "=" + timeout.toMillis() + "ms");
        }
        return timeout;
    }

    /**
     * Checks that a duration lies within bounds.
     *
     * @param name the argument name used in the message
     * @param value the duration
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the duration
     */
    public static Duration duration(final String name, final Duration value, final Duration min, final Duration max) {
        notNull(name, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw fail(name + " must be " + min.toMillis() + ".." + max.toMillis() + " ms: " + name + "="
                + value.toMillis() + "ms");
        }
        return value;
    }

    /**
     * Fails unless the handle/object state check holds, with {@link InvalidArgumentException}.
     *
     * @param condition the condition
     * @param message the message used when it does not hold
     */
    public static void isTrue(final boolean condition, final String message) {
        if (!condition) {
            throw fail(message);
        }
    }

    /**
     * Fails unless the condition holds, with {@link InvalidArgumentException} whose message is {@code message}
     * followed by {@code String.valueOf(detail)}. The text is built only on failure, so checks on a hot path (every
     * copy, every op) cost a branch, not a string concatenation.
     *
     * @param condition the condition
     * @param message the start of the message, e.g. {@code "dest must be writable: dest=read-only "}
     * @param detail appended to the message on failure, e.g. the offending buffer
     * @since 1.2
     */
    public static void isTrue(final boolean condition, final String message, final Object detail) {
        if (!condition) {
            throw fail(message + detail);
        }
    }

    /**
     * Like {@link #isTrue(boolean, String, Object)} with a number as the detail, without boxing it on success.
     *
     * @param condition the condition
     * @param message the start of the message, e.g. {@code "size must be positive: size="}
     * @param detail appended to the message on failure
     * @since 1.2
     */
    public static void isTrue(final boolean condition, final String message, final long detail) {
        if (!condition) {
            throw fail(message + detail);
        }
    }

    private static InvalidArgumentException fail(final String message) {
        return LastError.record(new InvalidArgumentException(message));
    }
}
