package org.memfabric.launcher;

import java.util.List;
import java.util.Objects;

/** Whether one expected module service is registered, and by which bundles. */
public final class ModuleServiceReport {

    private final String className;
    private final List<String> providers;

    ModuleServiceReport(String className, List<String> providers) {
        this.className = Objects.requireNonNull(className, "className");
        this.providers = List.copyOf(providers);
    }

    /** @return the service interface name */
    public String className() {
        return className;
    }

    /** @return the registering bundles, {@code <symbolic name> [<id>]}; empty when missing */
    public List<String> providers() {
        return providers;
    }

    /** @return whether at least one service is registered */
    public boolean present() {
        return !providers.isEmpty();
    }
}
