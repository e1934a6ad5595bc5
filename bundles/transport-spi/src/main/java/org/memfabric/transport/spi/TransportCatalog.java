package org.memfabric.transport.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.memfabric.api.log.FabricLogger;

/**
 * The transports a module (BM, SHM, TRANS) may use, as they come and go: in OSGi the module's DS component adds and
 * removes {@link Transport} services; outside OSGi {@link #discover()} finds them with {@link ServiceLoader}.
 * Listeners (the module's objects) hear every change on the thread that made it. Thread-safe.
 *
 * @since 1.1
 */
public final class TransportCatalog {
    /** Told about catalog changes, on the thread that made the change. */
    public interface Listener {
        /**
         * A transport became available.
         *
         * @param transport the transport
         */
        void transportAdded(Transport transport);

        /**
         * A transport is going away; endpoints opened from it must be closed before this returns.
         *
         * @param transport the transport
         */
        void transportRemoved(Transport transport);
    }

    private static final FabricLogger LOG = FabricLogger.of("transport");

    private final CopyOnWriteArrayList<Transport> transports = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Creates an empty catalog (the DS components fill it). */
    public TransportCatalog() {
        // transports arrive through add
    }

    /**
     * A catalog of the transports {@link ServiceLoader} finds on the class path (plain Java use).
     *
     * @return the catalog
     */
    public static TransportCatalog discover() {
        final TransportCatalog catalog = new TransportCatalog();
        final ClassLoader loader = TransportCatalog.class.getClassLoader();
        for (final Transport t : ServiceLoader.load(Transport.class, loader)) {
            catalog.add(t);
        }
        return catalog;
    }

    /**
     * Adds a transport and tells the listeners; a transport already present is ignored.
     *
     * @param transport the transport
     */
    public void add(final Transport transport) {
        if (transports.addIfAbsent(transport)) {
            LOG.info("transport available: transport=" + transport.name() + ", priority="
                + transport.priority() + ", kinds=" + transport.kinds() + ", availability="
                + transport.availability());
            for (final Listener l : listeners) {
                l.transportAdded(transport);
            }
        }
    }

    /**
     * Removes a transport and tells the listeners; an absent transport is ignored.
     *
     * @param transport the transport
     */
    public void remove(final Transport transport) {
        if (transports.remove(transport)) {
            LOG.info("transport withdrawn: transport=" + transport.name());
            for (final Listener l : listeners) {
                l.transportRemoved(transport);
            }
        }
    }

    /**
     * The transports, highest priority first.
     *
     * @return a new list
     */
    public List<Transport> byPriority() {
        final List<Transport> sorted = new ArrayList<>(transports);
        sorted.sort(Comparator.comparingInt(Transport::priority).reversed());
        return sorted;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(final Listener listener) {
        listeners.add(listener);
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(final Listener listener) {
        listeners.remove(listener);
    }
}
