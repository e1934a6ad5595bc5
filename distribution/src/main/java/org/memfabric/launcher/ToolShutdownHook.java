package org.memfabric.launcher;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running tool command cleanly when the JVM shuts down (SIGINT, SIGTERM): interrupts the thread running the
 * tool, waits a bounded time for that thread to stop the framework itself, and stops the framework when it does not.
 *
 * <p>Threading: the worker thread (the launcher's main thread) calls {@link #install}, {@link #toolReturned()} once
 * the tool's {@code run} returned and {@link #finished()} after it stopped the framework. The JVM's shutdown-hook
 * thread runs {@link #onShutdown()}. A private monitor orders the interrupt against {@link #toolReturned()}, so the
 * worker is never interrupted while it stops the framework.
 */
final class ToolShutdownHook {

    /** How long the hook waits for the worker to return from the tool and stop the framework. */
    static final long GRACE_MS = 20_000;

    private final Thread worker;
    private final AutoCloseable framework;
    private final PrintStream err;
    private final long graceMs;
    private final Thread hook;
    private final Object lock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean toolRunning = true; // guarded by lock
    private boolean shuttingDown; // guarded by lock

    private ToolShutdownHook(Thread worker, AutoCloseable framework, PrintStream err, long graceMs) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.framework = Objects.requireNonNull(framework, "framework");
        this.err = Objects.requireNonNull(err, "err");
        this.graceMs = graceMs;
        this.hook = new Thread(this::onShutdown, "memfabric-shutdown");
    }

    /**
     * Registers the hook with the JVM.
     *
     * @param worker    the thread that runs the tool and then stops the framework
     * @param framework stops the framework when the worker does not in time
     * @param err       where the hook says what it does
     * @param graceMs   how long to wait for the worker
     * @return the registered hook
     */
    static ToolShutdownHook install(Thread worker, AutoCloseable framework, PrintStream err, long graceMs) {
        ToolShutdownHook guard = new ToolShutdownHook(worker, framework, err, graceMs);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /**
     * Called by the worker when the tool's {@code run} returned: from now on the hook no longer interrupts it. Clears
     * an interrupt that arrived meanwhile so that stopping the framework is not cut short.
     *
     * @return true when the JVM is shutting down (the tool was interrupted by the hook)
     */
    boolean toolReturned() {
        synchronized (lock) {
            toolRunning = false;
            Thread.interrupted();
            return shuttingDown;
        }
    }

    /** Called by the worker after it stopped the framework: releases the hook and unregisters it. */
    void finished() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook is running or has run
        }
    }

    /** Runs on the JVM's shutdown-hook thread. */
    void onShutdown() {
        synchronized (lock) {
            shuttingDown = true;
            if (toolRunning) {
                err.println("memfabric: shutting down: stopping the command and the runtime");
                worker.interrupt();
            }
        }
        try {
            if (done.await(graceMs, TimeUnit.MILLISECONDS)) {
                return;
            }
            err.println("memfabric: command did not stop in time, stopping the runtime: graceMs=" + graceMs);
            framework.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            err.println("memfabric: runtime did not stop cleanly: cause=" + e);
        }
        err.flush();
    }
}
