package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drives {@link ToolShutdownHook#onShutdown()} directly, as the JVM would on SIGTERM, against a worker thread that
 * plays the launcher's main thread. Each test unregisters the hook with {@link ToolShutdownHook#finished()}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ToolShutdownHookTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final AtomicInteger frameworkCloses = new AtomicInteger();

    @Test
    void shouldInterruptTheToolAndWaitForTheWorkerToStopTheRuntime() throws Exception {
        CountDownLatch toolStarted = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean sawShutdown = new AtomicBoolean();
        AtomicBoolean interruptLeft = new AtomicBoolean(true);
        ToolShutdownHook[] hook = new ToolShutdownHook[1];
        CountDownLatch installed = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                installed.await();
                toolStarted.countDown();
                new CountDownLatch(1).await(); // a tool that serves until interrupted
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            sawShutdown.set(hook[0].toolReturned());
            interruptLeft.set(Thread.currentThread().isInterrupted());
            frameworkCloses.incrementAndGet(); // the worker stops the runtime itself
            hook[0].finished();
        }, "test-worker");
        hook[0] = ToolShutdownHook.install(worker, frameworkCloses::incrementAndGet, errStream, 10_000);
        worker.start();
        installed.countDown();
        toolStarted.await();

        hook[0].onShutdown();

        worker.join();
        assertTrue(interrupted.get());
        assertTrue(sawShutdown.get(), "toolReturned() reports the shutdown");
        assertFalse(interruptLeft.get(), "the interrupt must not cut the runtime's stop short");
        assertEquals(1, frameworkCloses.get(), "only the worker stopped the runtime");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("shutting down"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldStopTheRuntimeItselfWhenTheToolIgnoresTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // a tool that swallows the interrupt
                }
            }
        }, "test-stubborn-worker");
        worker.start();
        ToolShutdownHook hook = ToolShutdownHook.install(worker, frameworkCloses::incrementAndGet, errStream, 100);
        try {
            hook.onShutdown();

            assertEquals(1, frameworkCloses.get());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not stop in time"),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            release.countDown();
            worker.join();
            hook.finished();
        }
    }

    @Test
    void shouldNotInterruptAWorkerWhoseToolAlreadyReturned() throws Exception {
        ToolShutdownHook hook = ToolShutdownHook.install(Thread.currentThread(), frameworkCloses::incrementAndGet,
                errStream, 10_000);
        assertFalse(hook.toolReturned());
        hook.finished();

        hook.onShutdown();

        assertFalse(Thread.interrupted());
        assertEquals(0, frameworkCloses.get());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
