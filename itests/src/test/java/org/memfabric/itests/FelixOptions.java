package org.memfabric.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import org.ops4j.pax.exam.Option;

/**
 * The Felix deployment every native-container IT starts from: Felix SCR with its API bundles, Config Admin, the
 * OSGi log service, JNA, Bouncy Castle and all MemFabric bundles (from the reactor jars). Driver side only.
 */
final class FelixOptions {
    private FelixOptions() {
    }

    /**
     * The deployment, with a working directory of its own.
     *
     * @param workDirName the directory under {@code target/paxexam}
     * @return the options
     */
    static Option memFabricOnFelix(final String workDirName) {
        return composite(
            cleanCaches(true),
            workingDirectory(MemFabricBundles.workDir(workDirName)),
            systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
            mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
            mavenBundle("net.java.dev.jna", "jna").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bcprov-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bcutil-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bcpkix-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bctls-jdk18on").versionAsInProject(),
            memFabricBundles(),
            junitBundles());
    }

    private static Option memFabricBundles() {
        return composite(MemFabricBundles.ALL.stream()
            .map(name -> bundle(MemFabricBundles.jarOf(name).toURI().toString()))
            .toArray(Option[]::new));
    }
}
