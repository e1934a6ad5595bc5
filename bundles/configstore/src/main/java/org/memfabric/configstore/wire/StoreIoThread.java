package org.memfabric.configstore.wire;

/**
 * A daemon thread that moves store frames or completes store calls (a selector loop, a blocking link reader, the
 * deadline sweeper). Code running on it must never wait for a store reply, since the reply may need this very thread:
 * synchronous client calls check {@link #isCurrent()} and refuse. Thread-safe (immutable besides the thread itself).
 */
public final class StoreIoThread extends Thread {
    /**
     * Creates the thread (not started).
     *
     * @param task what it runs
     * @param name its name
     */
    public StoreIoThread(final Runnable task, final String name) {
        super(task, name);
        setDaemon(true);
    }

    /**
     * Whether the calling thread is a store I/O thread.
     *
     * @return true on a store I/O thread
     */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof StoreIoThread;
    }
}
