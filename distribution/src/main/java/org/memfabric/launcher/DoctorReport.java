package org.memfabric.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything {@code doctor} found about a running distribution. */
public final class DoctorReport {

    private final String frameworkVersion;
    private final List<BundleReport> bundles;
    private final Map<Path, String> installFailures;
    private final List<TransportReport> transports;
    private final List<ModuleServiceReport> moduleServices;
    private final ServiceSettler.Outcome settleOutcome;
    private final long settleMs;

    DoctorReport(String frameworkVersion, List<BundleReport> bundles, Map<Path, String> installFailures,
                 List<TransportReport> transports, List<ModuleServiceReport> moduleServices,
                 ServiceSettler.Outcome settleOutcome, long settleMs) {
        this.frameworkVersion = Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        this.bundles = List.copyOf(bundles);
        this.installFailures = Map.copyOf(installFailures);
        this.transports = List.copyOf(transports);
        this.moduleServices = List.copyOf(moduleServices);
        this.settleOutcome = Objects.requireNonNull(settleOutcome, "settleOutcome");
        this.settleMs = settleMs;
    }

    /**
     * Inspects a started framework.
     *
     * @param framework     the framework, after the services settled
     * @param settleOutcome how the wait for services ended
     * @param settleMs      how long it took
     * @return the report
     */
    public static DoctorReport collect(EmbeddedFramework framework, ServiceSettler.Outcome settleOutcome,
                                       long settleMs) {
        StartupReport startup = framework.startupReport();
        return new DoctorReport(framework.framework().getVersion().toString(),
                BundleInspector.inspect(framework.context(), startup),
                startup.installFailures(),
                TransportInspector.inspect(framework.context()),
                ModuleServiceInspector.inspect(framework.context(), ModuleServiceInspector.MODULE_SERVICES),
                settleOutcome, settleMs);
    }

    /** @return the running framework's version */
    public String frameworkVersion() {
        return frameworkVersion;
    }

    /** @return every bundle, by id */
    public List<BundleReport> bundles() {
        return bundles;
    }

    /** @return jars of {@code bundles/} that could not be installed */
    public Map<Path, String> installFailures() {
        return installFailures;
    }

    /** @return the registered transports */
    public List<TransportReport> transports() {
        return transports;
    }

    /** @return the expected module services, present or missing */
    public List<ModuleServiceReport> moduleServices() {
        return moduleServices;
    }

    /** @return how the wait for services ended */
    public ServiceSettler.Outcome settleOutcome() {
        return settleOutcome;
    }

    /** @return how long the wait for services took */
    public long settleMs() {
        return settleMs;
    }

    /** @return the number of bundles that are neither ACTIVE nor RESOLVED fragments */
    public long unhealthyBundles() {
        return bundles.stream().filter(bundle -> !bundle.healthy()).count();
    }

    /** @return whether every jar installed and every bundle is ACTIVE (or a RESOLVED fragment) */
    public boolean healthy() {
        return installFailures.isEmpty() && unhealthyBundles() == 0;
    }
}
