package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Finds the transports of a framework purely through service references whose {@code objectClass} is
 * {@value #TRANSPORT_CLASS}, reading their properties; the SPI classes are never loaded.
 */
public final class TransportInspector {

    /** The transport SPI interface, by name. */
    public static final String TRANSPORT_CLASS = "org.memfabric.transport.spi.Transport";
    /** Service property: the transport's name. */
    public static final String NAME = "memfabric.transport.name";
    /** Service property: the kinds of memory or links the transport serves. */
    public static final String KINDS = "memfabric.transport.kinds";
    /** Service property: whether it can bind on this host. */
    public static final String AVAILABLE = "memfabric.transport.available";
    /** Service property: why it cannot bind. */
    public static final String UNAVAILABLE_CAUSE = "memfabric.transport.unavailable.cause";

    /** Prefix of the properties the SPI defines. */
    static final String TRANSPORT_PREFIX = "memfabric.transport.";
    /** Prefix of a transport's own settings, shown by doctor. */
    static final String SETTING_PREFIX = "memfabric.";

    private TransportInspector() {
    }

    /**
     * @param context any bundle context of the framework
     * @return the registered transports, by name
     */
    public static List<TransportReport> inspect(BundleContext context) {
        List<TransportReport> reports = new ArrayList<>();
        for (ServiceReference<?> reference : ServiceProperties.references(context, TRANSPORT_CLASS)) {
            reports.add(report(reference));
        }
        reports.sort(Comparator.comparing(TransportReport::name));
        return reports;
    }

    private static TransportReport report(ServiceReference<?> reference) {
        Object name = reference.getProperty(NAME);
        Object cause = reference.getProperty(UNAVAILABLE_CAUSE);
        return new TransportReport(name == null ? "<unnamed>" : String.valueOf(name),
                ServiceProperties.asStrings(reference.getProperty(KINDS)),
                availability(reference.getProperty(AVAILABLE)),
                cause == null ? null : String.valueOf(cause),
                ServiceProperties.provider(reference), settings(reference));
    }

    private static Map<String, String> settings(ServiceReference<?> reference) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (key.startsWith(SETTING_PREFIX) && !key.startsWith(TRANSPORT_PREFIX)) {
                settings.put(key.substring(SETTING_PREFIX.length()), String.valueOf(reference.getProperty(key)));
            }
        }
        return settings;
    }

    static TransportReport.Availability availability(Object value) {
        String text = value == null ? "" : String.valueOf(value).trim();
        if ("true".equalsIgnoreCase(text)) {
            return TransportReport.Availability.AVAILABLE;
        }
        if ("false".equalsIgnoreCase(text)) {
            return TransportReport.Availability.UNAVAILABLE;
        }
        return TransportReport.Availability.UNKNOWN;
    }
}
