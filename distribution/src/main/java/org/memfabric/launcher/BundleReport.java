package org.memfabric.launcher;

import java.util.Objects;
import java.util.Optional;

/** One bundle as {@code doctor} shows it: id, symbolic name, version, state and, when unhealthy, why. */
public final class BundleReport {

    private final long id;
    private final String symbolicName;
    private final String version;
    private final String state;
    private final boolean fragment;
    private final String problem;

    BundleReport(long id, String symbolicName, String version, String state, boolean fragment, String problem) {
        this.id = id;
        this.symbolicName = Objects.requireNonNull(symbolicName, "symbolicName");
        this.version = Objects.requireNonNull(version, "version");
        this.state = Objects.requireNonNull(state, "state");
        this.fragment = fragment;
        this.problem = problem;
    }

    /** @return the bundle id */
    public long id() {
        return id;
    }

    /** @return the symbolic name, or {@code <none>} */
    public String symbolicName() {
        return symbolicName;
    }

    /** @return the bundle version */
    public String version() {
        return version;
    }

    /** @return ACTIVE, RESOLVED, INSTALLED, STARTING, STOPPING or UNINSTALLED */
    public String state() {
        return state;
    }

    /** @return whether the bundle is a fragment */
    public boolean fragment() {
        return fragment;
    }

    /** @return why the bundle is not healthy; empty when it is */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** @return whether the bundle is ACTIVE, or a RESOLVED fragment */
    public boolean healthy() {
        return "ACTIVE".equals(state) || (fragment && "RESOLVED".equals(state));
    }
}
