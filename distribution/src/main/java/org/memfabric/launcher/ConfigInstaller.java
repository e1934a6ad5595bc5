package org.memfabric.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Hands {@link ConfigFiles} to the framework's Config Admin before the other bundles start: starts the Config Admin
 * bundle, then creates or updates each PID's configuration (location {@code "?"}: any bundle may use it). Config
 * Admin's classes live in its bundle's class space, not the launcher's, so the two calls are made reflectively.
 * Runs on the launcher's thread.
 */
final class ConfigInstaller {

    /** The service interface. */
    static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    /** A configuration object's interface. */
    static final String CONFIGURATION = "org.osgi.service.cm.Configuration";
    /** The bundle providing it in the distribution. */
    static final String CONFIG_ADMIN_BUNDLE = "org.apache.felix.configadmin";

    private ConfigInstaller() {
    }

    /**
     * @param context the system bundle's context
     * @param configs what to install
     * @throws IllegalStateException naming the PID when Config Admin is missing or refuses a configuration
     */
    static void install(BundleContext context, ConfigFiles configs) {
        if (configs.isEmpty()) {
            return;
        }
        for (Bundle bundle : context.getBundles()) {
            if (CONFIG_ADMIN_BUNDLE.equals(bundle.getSymbolicName())) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    throw new IllegalStateException("Config Admin did not start: bundle=" + CONFIG_ADMIN_BUNDLE
                            + ", cause=" + e.getMessage(), e);
                }
            }
        }
        ServiceReference<?> reference = context.getServiceReference(CONFIGURATION_ADMIN);
        if (reference == null) {
            throw new IllegalStateException("configuration files given but no Config Admin service: dir="
                    + configs.source() + ", pids=" + configs.byPid().keySet());
        }
        Object admin = context.getService(reference);
        try {
            Class<?> adminType = reference.getBundle().loadClass(CONFIGURATION_ADMIN);
            Class<?> configurationType = reference.getBundle().loadClass(CONFIGURATION);
            Method get = adminType.getMethod("getConfiguration", String.class, String.class);
            Method update = configurationType.getMethod("update", Dictionary.class);
            for (Map.Entry<String, Map<String, String>> entry : configs.byPid().entrySet()) {
                update(admin, get, update, entry.getKey(), entry.getValue(), configs.source());
            }
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("Config Admin cannot be called: bundle=" + reference.getBundle()
                    + ", cause=" + e, e);
        } finally {
            context.ungetService(reference);
        }
    }

    private static void update(Object admin, Method get, Method update, String pid, Map<String, String> values,
                               String source) {
        try {
            Object configuration = get.invoke(admin, pid, "?");
            update.invoke(configuration, new Hashtable<String, Object>(values));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Config Admin refused a configuration: pid=" + pid + ", dir=" + source
                    + ", cause=" + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Config Admin cannot be called: pid=" + pid + ", cause=" + e, e);
        }
    }
}
