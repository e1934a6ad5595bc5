package org.memfabric.launcher;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;

/** One registered transport service as {@code doctor} shows it. */
public final class TransportReport {

    /** Whether a transport can bind on this host, as its service properties say. */
    public enum Availability {
        /** {@code memfabric.transport.available=true}. */
        AVAILABLE,
        /** {@code memfabric.transport.available=false}; the cause property says why. */
        UNAVAILABLE,
        /** The property is missing or not a boolean. */
        UNKNOWN
    }

    private final String name;
    private final List<String> kinds;
    private final Availability availability;
    private final String unavailableCause;
    private final String provider;
    private final Map<String, String> settings;

    TransportReport(String name, List<String> kinds, Availability availability, String unavailableCause,
                    String provider, Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        this.name = Objects.requireNonNull(name, "name");
        this.kinds = List.copyOf(kinds);
        this.availability = Objects.requireNonNull(availability, "availability");
        this.unavailableCause = unavailableCause;
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** @return {@code memfabric.transport.name}, or {@code <unnamed>} */
    public String name() {
        return name;
    }

    /** @return {@code memfabric.transport.kinds} */
    public List<String> kinds() {
        return kinds;
    }

    /** @return whether it can bind on this host */
    public Availability availability() {
        return availability;
    }

    /** @return {@code memfabric.transport.unavailable.cause}, when set */
    public Optional<String> unavailableCause() {
        return Optional.ofNullable(unavailableCause);
    }

    /**
     * @return the transport's own {@code memfabric.*} service properties outside {@code memfabric.transport.*}
     *         (the shm transport's {@code memfabric.copyLanes}), without the prefix, sorted
     */
    public Map<String, String> settings() {
        return new TreeMap<>(settings);
    }

    /** @return the registering bundle, {@code <symbolic name> [<id>]} */
    public String provider() {
        return provider;
    }
}
