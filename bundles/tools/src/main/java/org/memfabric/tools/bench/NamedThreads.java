package org.memfabric.tools.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code <prefix>-<n>}, so a stuck benchmark never keeps the JVM alive. Thread-safe. */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreads(final String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(final Runnable task) {
        final Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
