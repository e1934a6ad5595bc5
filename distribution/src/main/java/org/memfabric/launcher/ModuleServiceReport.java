package org.memfabric.launcher;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Whether one expected module service is registered, and by which bundles. */
public final class ModuleServiceReport {

    private final String className;
    private final List<String> providers;
    private final Map<String, String> details;

    ModuleServiceReport(String className, List<String> providers) {
        this(className, providers, Map.of());
    }

    ModuleServiceReport(String className, List<String> providers, Map<String, String> details) {
        this.className = Objects.requireNonNull(className, "className");
        this.providers = List.copyOf(providers);
        this.details = Map.copyOf(details);
    }

    /** @return the service interface name */
    public String className() {
        return className;
    }

    /** @return the registering bundles, {@code <symbolic name> [<id>]}; empty when missing */
    public List<String> providers() {
        return providers;
    }

    /** @return the {@code memfabric.*} service properties of the first registration (e.g. the device memory) */
    public Map<String, String> details() {
        return details;
    }

    /** @return whether at least one service is registered */
    public boolean present() {
        return !providers.isEmpty();
    }
}
