package org.memfabric.transport.spi;

import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.memfabric.api.Validate;

/**
 * Names and values of the service properties every {@link Transport} service carries, so that tools such as
 * {@code doctor} can list transports and say why one cannot bind from the service registry alone, without loading
 * any SPI class. All values are plain {@code String}s or an {@code Integer}:
 *
 * <table>
 * <caption>Transport service properties</caption>
 * <tr><th>key</th><th>type</th><th>value</th></tr>
 * <tr><td>{@value #NAME}</td><td>String</td><td>{@link Transport#name()}</td></tr>
 * <tr><td>{@value #KINDS}</td><td>String</td><td>comma-separated {@link DataOpKind} names, e.g.
 *     {@code "HOST_RDMA,DEVICE_RDMA"}</td></tr>
 * <tr><td>{@value #PRIORITY}</td><td>Integer</td><td>{@link Transport#priority()}</td></tr>
 * <tr><td>{@value #AVAILABLE}</td><td>String</td><td>{@code "true"} or {@code "false"}</td></tr>
 * <tr><td>{@value #UNAVAILABLE_CAUSE}</td><td>String</td><td>{@link Availability#reason()}; present only when
 *     unavailable</td></tr>
 * </table>
 */
public final class TransportServiceProperties {
    /** The transport's name. */
    public static final String NAME = "memfabric.transport.name";
    /** The data-op kinds served, comma-separated. */
    public static final String KINDS = "memfabric.transport.kinds";
    /** The selection priority; higher wins. */
    public static final String PRIORITY = "memfabric.transport.priority";
    /** {@code "true"} when the transport can work here, else {@code "false"}. */
    public static final String AVAILABLE = "memfabric.transport.available";
    /** Why the transport cannot work here; only present when {@link #AVAILABLE} is {@code "false"}. */
    public static final String UNAVAILABLE_CAUSE = "memfabric.transport.unavailable.cause";

    private TransportServiceProperties() {
    }

    /**
     * The service properties of a transport, in the order of the table above.
     *
     * @param transport the transport
     * @return an unmodifiable map
     */
    public static Map<String, Object> of(final Transport transport) {
        Validate.notNull("transport", transport);
        final Availability availability = transport.availability();
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(NAME, transport.name());
        properties.put(KINDS, formatKinds(transport.kinds()));
        properties.put(PRIORITY, transport.priority());
        properties.put(AVAILABLE, Boolean.toString(availability.isAvailable()));
        if (!availability.isAvailable()) {
            properties.put(UNAVAILABLE_CAUSE, availability.reason());
        }
        return Collections.unmodifiableMap(properties);
    }

    /**
     * The same properties as a {@link Dictionary}, as {@code BundleContext.registerService} takes them.
     *
     * @param transport the transport
     * @return a new dictionary
     */
    public static Dictionary<String, Object> dictionary(final Transport transport) {
        return new Hashtable<>(of(transport));
    }

    /**
     * Formats kinds as the {@link #KINDS} value: names in enum order, comma-separated, no spaces.
     *
     * @param kinds the kinds
     * @return the value
     */
    public static String formatKinds(final Set<DataOpKind> kinds) {
        Validate.notNull("kinds", kinds);
        final StringBuilder value = new StringBuilder();
        for (final DataOpKind kind : kinds.isEmpty() ? kinds : EnumSet.copyOf(kinds)) {
            if (value.length() > 0) {
                value.append(',');
            }
            value.append(kind.name());
        }
        return value.toString();
    }

    /**
     * Parses a {@link #KINDS} value; blanks around names are ignored.
     *
     * @param value the value, e.g. {@code "HOST_TCP,LOCAL"}; empty gives the empty set
     * @return the kinds
     * @throws org.memfabric.api.InvalidArgumentException for an unknown name
     */
    public static Set<DataOpKind> parseKinds(final String value) {
        Validate.notNull(KINDS, value);
        final Set<DataOpKind> kinds = EnumSet.noneOf(DataOpKind.class);
        for (final String part : value.split(",", -1)) {
            final String name = part.trim();
            if (name.isEmpty() && value.isBlank()) {
                continue;
            }
            try {
                kinds.add(DataOpKind.valueOf(name));
            } catch (final IllegalArgumentException e) {
                Validate.isTrue(false, "unknown data op kind: " + KINDS + "=" + value + ", kind=" + name);
            }
        }
        return kinds;
    }
}
