package org.memfabric.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/** Installs every jar of a directory into a framework and starts the bundles that are not fragments. */
public final class BundleInstaller {

    /** Symbolic names of bundles started after all others: the console. */
    static final Set<String> START_LAST = Set.of("org.apache.felix.gogo.shell");

    private BundleInstaller() {
    }

    /**
     * @param bundlesDir a directory of bundle jars
     * @return its {@code *.jar} files, sorted by name
     * @throws IOException when the directory is missing or cannot be listed
     */
    public static List<Path> jarsIn(Path bundlesDir) throws IOException {
        if (!Files.isDirectory(bundlesDir)) {
            throw new IOException("bundles directory missing: path=" + bundlesDir);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(bundlesDir, "*.jar")) {
            entries.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }

    /**
     * Installs the jars; a jar that cannot be installed is recorded and skipped.
     *
     * @param context a bundle context of the framework (normally the system bundle's)
     * @param jars    bundle jars
     * @param report  receives the install failures
     * @return the installed bundles, in the order of {@code jars}
     */
    public static List<Bundle> installAll(BundleContext context, List<Path> jars, StartupReport report) {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try {
                installed.add(context.installBundle(jar.toUri().toString()));
            } catch (BundleException | RuntimeException e) {
                report.installFailed(jar, StartupReport.describe(e));
            }
        }
        return installed;
    }

    /**
     * Starts each bundle that is not a fragment; a bundle that cannot be resolved or whose activator fails is
     * recorded and skipped. The Gogo shell starts last, so that its console opens on a fully started runtime.
     *
     * @param bundles the bundles to start
     * @param report  receives the start failures
     */
    public static void startAll(List<Bundle> bundles, StartupReport report) {
        List<Bundle> ordered = new ArrayList<>(bundles);
        ordered.sort(Comparator.comparing(BundleInstaller::startsLast)); // stable: keeps the jar order otherwise
        for (Bundle bundle : ordered) {
            if (isFragment(bundle)) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                report.startFailed(bundle.getBundleId(), StartupReport.describe(e));
            }
        }
    }

    private static boolean startsLast(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null && START_LAST.contains(name);
    }

    /**
     * @param bundle a bundle
     * @return whether its manifest names a fragment host
     */
    public static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
