package org.memfabric.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.Constants;

/**
 * The configuration map handed to the {@link org.osgi.framework.launch.FrameworkFactory}: the optional
 * {@code etc/framework.properties}, then the launcher's own keys (storage, clean-on-first-init, Gogo), which
 * always win. The tool command SPI package ({@link #TOOL_SPI_EXPORT}) is always added to
 * {@code org.osgi.framework.system.packages.extra}, after any packages {@code etc/framework.properties} lists there.
 */
public final class FrameworkSettings {

    /** Framework property read by the Gogo shell: arguments of its login {@code gosh} session. */
    public static final String GOSH_ARGS = "gosh.args";
    /** Framework property read by the Gogo shell: the directory holding {@code etc/gosh_profile}. */
    public static final String GOSH_HOME = "gosh.home";
    /** Gogo arguments that keep the shell bundle ACTIVE but never read the console or stop the framework. */
    public static final String GOSH_BACKGROUND = "--nointeractive --noshutdown";

    /** The launcher package bundles import to contribute {@code memfabric} subcommands, as the system bundle exports it. */
    public static final String TOOL_SPI_EXPORT = ToolCommand.class.getPackageName() + ";version=1.0.0";

    private final Map<String, String> properties = new LinkedHashMap<>();

    private FrameworkSettings() {
    }

    /**
     * @param environment the distribution (its {@code etc/framework.properties} is read when present)
     * @param storageDir  the framework storage directory
     * @param goshArgs    what the Gogo shell runs: {@link #GOSH_BACKGROUND} or {@code ""} for an interactive console
     * @return the settings
     * @throws IOException when {@code etc/framework.properties} exists but cannot be read
     */
    public static FrameworkSettings of(Environment environment, Path storageDir, String goshArgs) throws IOException {
        FrameworkSettings settings = new FrameworkSettings();
        settings.putAll(readProperties(environment.etcDir().resolve("framework.properties")));
        settings.put(Constants.FRAMEWORK_STORAGE, storageDir.toAbsolutePath().toString());
        settings.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        settings.put(GOSH_HOME, environment.home().toString());
        settings.put(GOSH_ARGS, goshArgs);
        settings.exportToolSpi();
        return settings;
    }

    /**
     * @param storageDir the framework storage directory
     * @return settings with only storage, clean-on-first-init, background Gogo and the tool SPI export, for tests
     *         and tools
     */
    public static FrameworkSettings minimal(Path storageDir) {
        FrameworkSettings settings = new FrameworkSettings();
        settings.put(Constants.FRAMEWORK_STORAGE, storageDir.toAbsolutePath().toString());
        settings.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        settings.put(GOSH_ARGS, GOSH_BACKGROUND);
        settings.exportToolSpi();
        return settings;
    }

    /**
     * @param key   a framework property
     * @param value its value
     * @return these settings
     */
    public FrameworkSettings put(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Appends the tool SPI to the system packages the configuration already adds, if any. */
    private void exportToolSpi() {
        String extra = properties.get(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                extra == null || extra.isBlank() ? TOOL_SPI_EXPORT : extra + "," + TOOL_SPI_EXPORT);
    }

    private void putAll(Map<String, String> more) {
        properties.putAll(more);
    }

    /** @return a copy of the properties */
    public Map<String, String> asMap() {
        return new LinkedHashMap<>(properties);
    }

    static Map<String, String> readProperties(Path file) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed properties file: path=" + file + " cause=" + e.getMessage(), e);
        }
        for (String name : loaded.stringPropertyNames()) {
            result.put(name, loaded.getProperty(name).trim());
        }
        return result;
    }
}
