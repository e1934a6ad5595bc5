package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;

/**
 * Finds the {@link ToolCommand} services of a running framework by their {@value ToolCommand#NAME_PROPERTY}
 * property.
 *
 * <p>Threading: framework threads (bundle starts, SCR) deliver service events to a listener that only records the
 * time under a private monitor and notifies. The single thread calling {@link #await} blocks on that monitor and
 * does every registry lookup itself; it never sleeps for a fixed time.
 */
final class ToolLocator {

    private final BundleContext context;
    private final long stableMs;
    private final Object lock = new Object();
    private long lastEventNs; // guarded by lock

    /**
     * @param context  the system bundle's context (which shares the launcher's {@link ToolCommand} class)
     * @param stableMs how long the registry must stay unchanged before a missing tool is taken as absent
     */
    ToolLocator(BundleContext context, long stableMs) {
        this.context = Objects.requireNonNull(context, "context");
        if (stableMs < 0) {
            throw new IllegalArgumentException("stable period must not be negative: stableMs=" + stableMs);
        }
        this.stableMs = stableMs;
    }

    /**
     * Blocks the calling thread until a tool of that name is registered, or no service event arrived for the stable
     * period, or the timeout elapsed.
     *
     * @param name      the command word
     * @param timeoutMs the longest wait
     * @return the highest-ranked matching service, or empty when none appeared
     * @throws InterruptedException when interrupted while waiting
     */
    Optional<ServiceReference<ToolCommand>> await(String name, long timeoutMs) throws InterruptedException {
        AllServiceListener listener = this::serviceChanged;
        synchronized (lock) {
            lastEventNs = System.nanoTime();
        }
        context.addServiceListener(listener);
        try {
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            long stableNs = TimeUnit.MILLISECONDS.toNanos(stableMs);
            while (true) {
                Optional<ServiceReference<ToolCommand>> found = find(name); // outside the monitor: calls the framework
                if (found.isPresent()) {
                    return found;
                }
                synchronized (lock) {
                    long nowNs = System.nanoTime();
                    long quietForNs = nowNs - lastEventNs;
                    if (quietForNs >= stableNs || nowNs - deadlineNs >= 0) {
                        return Optional.empty();
                    }
                    long waitNs = Math.min(stableNs - quietForNs, deadlineNs - nowNs);
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.max(waitNs, TimeUnit.MILLISECONDS.toNanos(1)));
                }
            }
        } finally {
            context.removeServiceListener(listener);
        }
    }

    /**
     * @param name the command word
     * @return the highest-ranked tool registered under that name now
     */
    Optional<ServiceReference<ToolCommand>> find(String name) {
        ServiceReference<ToolCommand> best = null;
        for (ServiceReference<ToolCommand> reference : all()) {
            if (name.equals(nameOf(reference)) && (best == null || reference.compareTo(best) > 0)) {
                best = reference;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Lists the registered tools with their summaries. Each service is got and released again; a tool whose
     * {@link ToolCommand#summary()} fails is listed with the failure.
     *
     * @return summary by command word, sorted by word
     */
    Map<String, String> list() {
        Map<String, String> tools = new TreeMap<>();
        for (ServiceReference<ToolCommand> reference : all()) {
            String name = nameOf(reference);
            if (name == null || tools.containsKey(name)) {
                continue;
            }
            ToolCommand tool = context.getService(reference);
            if (tool == null) {
                continue; // unregistered meanwhile
            }
            try {
                tools.put(name, tool.summary());
            } catch (RuntimeException e) {
                tools.put(name, "(summary failed: " + e + ")");
            } finally {
                context.ungetService(reference);
            }
        }
        return tools;
    }

    private List<ServiceReference<ToolCommand>> all() {
        try {
            Collection<ServiceReference<ToolCommand>> found = context.getServiceReferences(ToolCommand.class, null);
            return new ArrayList<>(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter rejected without a filter: class=" + ToolCommand.class.getName(), e);
        }
    }

    private static String nameOf(ServiceReference<?> reference) {
        Object value = reference.getProperty(ToolCommand.NAME_PROPERTY);
        return value instanceof String ? (String) value : null;
    }

    private void serviceChanged(ServiceEvent event) {
        synchronized (lock) {
            lastEventNs = System.nanoTime();
            lock.notifyAll();
        }
    }
}
