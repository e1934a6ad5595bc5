package org.memfabric.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi framework started in this JVM with the jars of one directory installed and started.
 *
 * <p>The thread that calls {@link #start} owns the instance and calls {@link #close}; framework threads only
 * run bundle code. {@link #close} stops the framework, waits a bounded time for it and deletes its storage.
 */
public final class EmbeddedFramework implements AutoCloseable {

    /** How long {@link #close} waits for the framework to stop. */
    static final long STOP_TIMEOUT_MS = 15_000;

    private final Framework framework;
    private final Path storageDir;
    private final StartupReport startupReport;

    private EmbeddedFramework(Framework framework, Path storageDir, StartupReport startupReport) {
        this.framework = framework;
        this.storageDir = storageDir;
        this.startupReport = startupReport;
    }

    /**
     * Creates the framework through {@link ServiceLoader}, installs every jar of {@code bundlesDir}, starts the
     * framework and then the non-fragment bundles. Bundles that fail are recorded in {@link #startupReport()}.
     *
     * @param settings   the framework configuration (must name the storage directory)
     * @param bundlesDir the directory of bundle jars
     * @return the running framework
     * @throws BundleException when the framework itself cannot be initialised or started
     * @throws IOException     when the bundles directory cannot be read
     */
    public static EmbeddedFramework start(FrameworkSettings settings, Path bundlesDir)
            throws BundleException, IOException {
        return start(settings, bundlesDir, ConfigFiles.none());
    }

    /**
     * Like {@link #start(FrameworkSettings, Path)}, and hands the configurations to Config Admin after the
     * framework started and before the other bundles start.
     *
     * @param settings   the framework configuration (must name the storage directory)
     * @param bundlesDir the directory of bundle jars
     * @param configs    Config Admin configurations, possibly none
     * @return the running framework
     * @throws BundleException when the framework itself cannot be initialised or started
     * @throws IOException     when the bundles directory cannot be read
     * @throws IllegalStateException when configurations are given and Config Admin is missing or refuses one
     */
    public static EmbeddedFramework start(FrameworkSettings settings, Path bundlesDir, ConfigFiles configs)
            throws BundleException, IOException {
        Map<String, String> config = settings.asMap();
        Path storageDir = Path.of(config.get(org.osgi.framework.Constants.FRAMEWORK_STORAGE));
        List<Path> jars = BundleInstaller.jarsIn(bundlesDir);
        Framework framework = newFramework(config);
        framework.init();
        StartupReport report = new StartupReport();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = BundleInstaller.installAll(context, jars, report);
            framework.start();
            ConfigInstaller.install(context, configs);
            BundleInstaller.startAll(installed, report);
        } catch (BundleException | RuntimeException e) {
            framework.stop();
            throw e;
        }
        return new EmbeddedFramework(framework, storageDir, report);
    }

    /**
     * Creates, but does not initialise, the framework found through {@link ServiceLoader}. Felix's own log is
     * sent to standard error.
     *
     * @param config framework properties
     * @return a new framework
     * @throws IllegalStateException when no {@link FrameworkFactory} is on the class path
     */
    public static Framework newFramework(Map<String, String> config) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no OSGi framework on the class path: service=" + FrameworkFactory.class.getName()));
        Map<String, Object> withLogger = new HashMap<>(config);
        withLogger.putIfAbsent(FelixStderrLogger.PROPERTY, new FelixStderrLogger());
        return factory.newFramework(asStringMap(withLogger));
    }

    /** Felix accepts non-string values (the logger object) in its configuration map; the API type does not. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> asStringMap(Map<String, Object> config) {
        return (Map) config;
    }

    /** @return the framework (the system bundle) */
    public Framework framework() {
        return framework;
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return the install and start failures */
    public StartupReport startupReport() {
        return startupReport;
    }

    /**
     * Blocks until the framework stops, e.g. because the Gogo shell ended.
     *
     * @param timeoutMs how long to wait; 0 waits for ever
     * @return the stop event
     * @throws InterruptedException when interrupted while waiting
     */
    public FrameworkEvent waitForStop(long timeoutMs) throws InterruptedException {
        return framework.waitForStop(timeoutMs);
    }

    /**
     * Stops the framework (bounded wait) and deletes its storage directory. When interrupted, it keeps the
     * interrupt flag and leaves the storage for {@link StorageDirs} to purge later.
     */
    @Override
    public void close() throws BundleException, IOException {
        framework.stop();
        FrameworkEvent event;
        try {
            event = framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new IllegalStateException("framework did not stop: timeoutMs=" + STOP_TIMEOUT_MS);
        }
        StorageDirs.deleteTree(storageDir);
    }
}
