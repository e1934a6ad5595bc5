package org.memfabric.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Reads the state of the MemFabric bundles inside a running framework and describes what is wrong, or returns null
 * when all is well. Runs inside the container (in the Pax Exam probe), on the test thread.
 */
final class ContainerState {
    /** The module services every deployment of all MemFabric bundles registers. */
    static final List<String> MODULE_SERVICES = List.of(
        "org.memfabric.api.bm.BigMemoryService",
        "org.memfabric.api.shm.ShareMemoryService",
        "org.memfabric.api.trans.TransferService",
        "org.memfabric.api.store.ConfigStoreService",
        "org.memfabric.transport.spi.Transport");

    private ContainerState() {
    }

    /**
     * The MemFabric bundles that are missing or not ACTIVE.
     *
     * @param context any bundle context
     * @return null when every MemFabric bundle is ACTIVE, otherwise one line per problem
     */
    static String bundlesNotActive(final BundleContext context) {
        final List<String> problems = new ArrayList<>();
        for (final String symbolicName : MemFabricBundles.ALL) {
            final Bundle bundle = find(context, symbolicName);
            if (bundle == null) {
                problems.add(symbolicName + ": not installed");
            } else if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(symbolicName + ": state=" + stateName(bundle.getState()));
            }
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }

    /**
     * The DS components of the MemFabric bundles that are not activated: a description without any configuration,
     * a disabled one, or a configuration that is neither ACTIVE nor SATISFIED (with its unsatisfied references).
     * A bundle that declares Service-Component but has no component descriptions is a problem too (SCR did not
     * process it).
     *
     * @param context any bundle context
     * @param scr the Service Component Runtime
     * @return null when every component is activated, otherwise one line per problem
     */
    static String componentsNotActivated(final BundleContext context, final ServiceComponentRuntime scr) {
        final List<String> problems = new ArrayList<>();
        for (final String symbolicName : MemFabricBundles.ALL) {
            final Bundle bundle = find(context, symbolicName);
            if (bundle == null) {
                problems.add(symbolicName + ": not installed");
                continue;
            }
            final Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(bundle);
            if (descriptions.isEmpty() && bundle.getHeaders().get("Service-Component") != null) {
                problems.add(symbolicName + ": declares Service-Component but SCR knows no component of it");
            }
            for (final ComponentDescriptionDTO description : descriptions) {
                problems.addAll(problemsOf(symbolicName, scr, description));
            }
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }

    /**
     * The module service types that have no registered service.
     *
     * @param context any bundle context
     * @return null when each type has at least one service, otherwise the missing types
     */
    static String servicesMissing(final BundleContext context) {
        final List<String> missing = new ArrayList<>();
        for (final String type : MODULE_SERVICES) {
            if (context.getServiceReference(type) == null) {
                missing.add(type);
            }
        }
        return missing.isEmpty() ? null : "no service registered for: " + missing;
    }

    /**
     * The Transport services registered by a bundle.
     *
     * @param context any bundle context
     * @param symbolicName the registering bundle
     * @return their references, possibly empty
     */
    static List<ServiceReference<?>> transportsOf(final BundleContext context, final String symbolicName) {
        final ServiceReference<?>[] all;
        try {
            all = context.getAllServiceReferences("org.memfabric.transport.spi.Transport", null);
        } catch (final InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
        if (all == null) {
            return List.of();
        }
        return Arrays.stream(all)
            .filter(ref -> ref.getBundle() != null && symbolicName.equals(ref.getBundle().getSymbolicName()))
            .collect(Collectors.toList());
    }

    /**
     * Waits for a service and returns it.
     *
     * @param context any bundle context
     * @param type the service type
     * @param timeoutMs how long to wait
     * @param <T> the type
     * @return the service object
     * @throws AssertionError naming the type when no service appears in time
     * @throws InterruptedException when interrupted while waiting
     */
    static <T> T awaitService(final BundleContext context, final Class<T> type, final long timeoutMs)
        throws InterruptedException {
        final ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            final T service = tracker.waitForService(timeoutMs);
            if (service == null) {
                throw new AssertionError("no " + type.getName() + " service registered within " + timeoutMs + " ms");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /**
     * Finds an installed bundle by symbolic name.
     *
     * @param context any bundle context
     * @param symbolicName the name
     * @return the bundle, or null
     */
    static Bundle find(final BundleContext context, final String symbolicName) {
        for (final Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    /**
     * The OSGi name of a bundle state.
     *
     * @param state the state bit
     * @return its name
     */
    static String stateName(final int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNKNOWN(" + state + ")";
        }
    }

    private static List<String> problemsOf(
        final String symbolicName, final ServiceComponentRuntime scr, final ComponentDescriptionDTO description) {
        final String where = symbolicName + " component " + description.name;
        if (!scr.isComponentEnabled(description)) {
            return List.of(where + ": disabled");
        }
        final Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty() && "require".equals(description.configurationPolicy)) {
            return List.of(); // waits for its configuration, as designed
        }
        if (configurations.isEmpty()) {
            return List.of(where + ": no configuration (configurationPolicy=" + description.configurationPolicy
                + ", configurationPid=" + Arrays.toString(description.configurationPid) + ")");
        }
        final List<String> problems = new ArrayList<>();
        for (final ComponentConfigurationDTO configuration : configurations) {
            if (configuration.state != ComponentConfigurationDTO.ACTIVE
                && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                problems.add(where + ": state=" + componentStateName(configuration.state)
                    + unsatisfied(description, configuration.unsatisfiedReferences)
                    + (configuration.failure == null ? "" : ", failure=" + configuration.failure));
            }
        }
        return problems;
    }

    private static String unsatisfied(
        final ComponentDescriptionDTO description, final UnsatisfiedReferenceDTO[] references) {
        if (references == null || references.length == 0) {
            return "";
        }
        return ", unsatisfied references=" + Arrays.stream(references)
            .map(ref -> ref.name + "(interface=" + interfaceOf(description, ref.name) + ", target=" + ref.target + ")")
            .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String interfaceOf(final ComponentDescriptionDTO description, final String referenceName) {
        return Arrays.stream(description.references)
            .filter(ref -> referenceName.equals(ref.name))
            .map(ref -> ref.interfaceName)
            .findFirst()
            .orElse("?");
    }

    private static String componentStateName(final int state) {
        switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
            default: return "UNKNOWN(" + state + ")";
        }
    }
}
