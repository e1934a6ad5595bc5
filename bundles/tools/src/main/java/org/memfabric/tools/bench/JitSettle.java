package org.memfabric.tools.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Tells a warm-up loop when the JIT compiler has settled: when the JVM's total compilation time has not grown for
 * {@code quietNs}. A benchmark that starts measuring while the compiler still works measures partly compiled code
 * and, on a machine with few cores, a compiler thread competing for them. Where the JVM does not report compilation
 * time, it counts as settled at once. Used by one thread.
 */
public final class JitSettle {
    private final LongSupplier compileMillis;
    private final LongSupplier clockNs;
    private final long quietNs;
    private long lastTotalMillis = Long.MIN_VALUE;
    private long lastChangeNs;

    /**
     * A settle check over a compilation-time source.
     *
     * @param compileMillis the JVM's total compilation time in milliseconds, negative when unknown
     * @param clockNs a monotonic clock in nanoseconds
     * @param quietNs how long the total must stay unchanged
     */
    public JitSettle(final LongSupplier compileMillis, final LongSupplier clockNs, final long quietNs) {
        this.compileMillis = compileMillis;
        this.clockNs = clockNs;
        this.quietNs = quietNs;
    }

    /**
     * The check for this JVM ({@link CompilationMXBean#getTotalCompilationTime()}, {@link System#nanoTime()}).
     *
     * @param quietNs how long the compiler must have been idle
     * @return the check
     */
    public static JitSettle ofThisJvm(final long quietNs) {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final LongSupplier source = jit == null || !jit.isCompilationTimeMonitoringSupported() ? () -> -1L
            : jit::getTotalCompilationTime;
        return new JitSettle(source, System::nanoTime, quietNs);
    }

    /**
     * Whether the compiler has been idle for the quiet time; call it repeatedly from the warm-up loop (the quiet time
     * counts from the first call that saw the current total).
     *
     * @return true once the total compilation time has stayed the same for the quiet time
     */
    public boolean settled() {
        final long total = compileMillis.getAsLong();
        if (total < 0) {
            return true;
        }
        final long now = clockNs.getAsLong();
        if (total != lastTotalMillis) {
            lastTotalMillis = total;
            lastChangeNs = now;
            return false;
        }
        return now - lastChangeNs >= quietNs;
    }
}
