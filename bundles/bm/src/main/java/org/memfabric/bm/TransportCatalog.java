package org.memfabric.bm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.memfabric.api.log.FabricLogger;
import org.memfabric.transport.spi.Transport;

/**
 * The transports BM may use, as they come and go: in OSGi the DS component adds and removes {@link Transport}
 * services; outside OSGi {@link #discover()} finds them with {@link ServiceLoader}. Listeners (the BM objects) hear
 * every change on the thread that made it. Thread-safe.
 */
final class TransportCatalog {
    /** Told about catalog changes. */
    interface Listener {
        void transportAdded(Transport transport);

        void transportRemoved(Transport transport);
    }

    private static final FabricLogger LOG = FabricLogger.of("bm");

    private final CopyOnWriteArrayList<Transport> transports = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** A catalog of the transports {@link ServiceLoader} finds on the class path (plain Java use). */
    static TransportCatalog discover() {
        final TransportCatalog catalog = new TransportCatalog();
        final ClassLoader loader = TransportCatalog.class.getClassLoader();
        for (final Transport t : ServiceLoader.load(Transport.class, loader)) {
            catalog.add(t);
        }
        return catalog;
    }

    void add(final Transport transport) {
        if (transports.addIfAbsent(transport)) {
            LOG.info("transport available to bm: transport=" + transport.name() + ", priority="
                + transport.priority() + ", kinds=" + transport.kinds() + ", availability="
                + transport.availability());
            for (final Listener l : listeners) {
                l.transportAdded(transport);
            }
        }
    }

    void remove(final Transport transport) {
        if (transports.remove(transport)) {
            LOG.info("transport withdrawn from bm: transport=" + transport.name());
            for (final Listener l : listeners) {
                l.transportRemoved(transport);
            }
        }
    }

    /** The transports, highest priority first. */
    List<Transport> byPriority() {
        final List<Transport> sorted = new ArrayList<>(transports);
        sorted.sort(Comparator.comparingInt(Transport::priority).reversed());
        return sorted;
    }

    void addListener(final Listener listener) {
        listeners.add(listener);
    }

    void removeListener(final Listener listener) {
        listeners.remove(listener);
    }
}
