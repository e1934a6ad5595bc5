package org.memfabric.tools.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The warm-up waits for the compiler to be idle for the quiet time, and only where the JVM reports it. */
class JitSettleTest {
    private final AtomicLong compileMillis = new AtomicLong(100);
    private final AtomicLong nowNs = new AtomicLong(1_000);
    private final JitSettle settle = new JitSettle(compileMillis::get, nowNs::get, 200);

    @Test
    void shouldSettleOnlyAfterTheTotalStaysTheSameForTheQuietTime() {
        assertFalse(settle.settled(), "the first look only starts the quiet time");
        nowNs.addAndGet(199);
        assertFalse(settle.settled());
        nowNs.addAndGet(1);
        assertTrue(settle.settled());
    }

    @Test
    void shouldStartTheQuietTimeAgainWhenTheCompilerWorks() {
        settle.settled();
        nowNs.addAndGet(150);
        compileMillis.addAndGet(3);
        assertFalse(settle.settled(), "compiled since the last look");
        nowNs.addAndGet(150);
        assertFalse(settle.settled(), "150 ns of the 200 since the compiler last worked");
        nowNs.addAndGet(50);
        assertTrue(settle.settled());
    }

    @Test
    void shouldCountAsSettledWhereTheJvmDoesNotReportCompilationTime() {
        assertTrue(new JitSettle(() -> -1L, nowNs::get, 200).settled());
    }

    @Test
    void shouldReadThisJvmsCompiler() throws InterruptedException {
        final JitSettle real = JitSettle.ofThisJvm(0);
        boolean settled = false;
        for (int look = 0; look < 10_000 && !settled; look++) {
            settled = real.settled();
            Thread.sleep(1);
        }
        assertTrue(settled, "with no quiet time, two looks at an unchanged total settle");
    }
}
