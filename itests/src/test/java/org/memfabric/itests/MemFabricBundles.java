package org.memfabric.itests;

import java.io.File;
import java.util.List;

/**
 * The MemFabric bundles under test: their symbolic names and where the build put their jars.
 *
 * <p>Failsafe passes each reactor jar as the system property {@code memfabric.bundle.<name>} (see the itests pom:
 * dependency:properties resolves reactor jars without an install). Used on the driver side only, except for the
 * constants, which the probe uses too. Immutable, thread-safe.
 */
final class MemFabricBundles {
    /** Every MemFabric bundle, in start order (providers before consumers). */
    static final List<String> ALL = List.of(
        "org.memfabric.api",
        "org.memfabric.transport.spi",
        "org.memfabric.memory",
        "org.memfabric.log",
        "org.memfabric.security.tls",
        "org.memfabric.configstore",
        "org.memfabric.bm",
        "org.memfabric.shm",
        "org.memfabric.trans",
        "org.memfabric.transport.local",
        "org.memfabric.transport.shm",
        "org.memfabric.transport.tcp");

    /** The bundle whose Transport service the hot-swap test stops and starts. */
    static final String TRANSPORT_LOCAL = "org.memfabric.transport.local";

    private static final String PREFIX = "org.memfabric.";

    private MemFabricBundles() {
    }

    /**
     * The jar the build produced for a bundle.
     *
     * @param symbolicName one of {@link #ALL}
     * @return the existing jar file
     * @throws IllegalStateException when the build did not pass the path or the file is missing
     */
    static File jarOf(final String symbolicName) {
        final String key = "memfabric.bundle." + symbolicName.substring(PREFIX.length());
        final String path = System.getProperty(key);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("bundle jar not passed by the build: property=" + key + ", value=" + path
                + " (run through ./mvnw verify so that dependency:properties sets it)");
        }
        final File jar = new File(path);
        if (!jar.isFile()) {
            throw new IllegalStateException("bundle jar missing: bundle=" + symbolicName + ", file=" + jar);
        }
        return jar;
    }

    /**
     * A Pax Exam working directory of its own for one test class, under {@code target/paxexam}.
     *
     * @param name the directory name
     * @return the directory path
     */
    static String workDir(final String name) {
        return new File(System.getProperty("memfabric.itest.workdir", "target/paxexam"), name).getAbsolutePath();
    }
}
