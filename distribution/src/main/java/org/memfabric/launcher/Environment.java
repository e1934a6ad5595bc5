package org.memfabric.launcher;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the distribution lives: its home (holding {@code bundles/} and {@code etc/}) and the work directory
 * under which the framework keeps its storage.
 *
 * <p>{@code bin/memfabric} passes {@code -Dmemfabric.home} and {@code -Dmemfabric.work}; without them the
 * home is the current directory and the work directory is {@code <home>/work}.
 */
public final class Environment {

    /** System property naming the distribution home. */
    public static final String HOME_PROPERTY = "memfabric.home";
    /** System property naming the work directory. */
    public static final String WORK_PROPERTY = "memfabric.work";
    /** Environment variable naming the configuration directory instead of {@code etc/config}. */
    public static final String CONFIG_DIR_ENV = "MEMFABRIC_CONFIG_DIR";

    private final Path home;
    private final Path workDir;
    private final Path configDir;

    /**
     * @param home    the distribution home
     * @param workDir the directory for framework storage; created on demand
     */
    public Environment(Path home, Path workDir) {
        this(home, workDir, null);
    }

    /**
     * @param home      the distribution home
     * @param workDir   the directory for framework storage; created on demand
     * @param configDir the configuration directory, or null for {@code etc/config}
     */
    public Environment(Path home, Path workDir, Path configDir) {
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        this.configDir = configDir == null ? null : configDir.toAbsolutePath().normalize();
    }

    /** @return the environment described by the system properties of this JVM */
    public static Environment fromSystemProperties() {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "."));
        String work = System.getProperty(WORK_PROPERTY);
        String config = System.getenv(CONFIG_DIR_ENV);
        return new Environment(home, work == null || work.isBlank() ? home.resolve("work") : Path.of(work),
                config == null || config.isBlank() ? null : Path.of(config));
    }

    /** @return the distribution home */
    public Path home() {
        return home;
    }

    /** @return the directory whose jars are installed into the framework */
    public Path bundlesDir() {
        return home.resolve("bundles");
    }

    /** @return the configuration directory ({@code etc/}) */
    public Path etcDir() {
        return home.resolve("etc");
    }

    /**
     * @return the Config Admin configuration directory ({@link ConfigFiles}): {@code $MEMFABRIC_CONFIG_DIR} when set,
     *         else {@code etc/config}
     */
    public Path configDir() {
        return configDir != null ? configDir : etcDir().resolve("config");
    }

    /** @return the work directory */
    public Path workDir() {
        return workDir;
    }
}
