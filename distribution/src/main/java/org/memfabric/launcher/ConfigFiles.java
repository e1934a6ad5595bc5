package org.memfabric.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Config Admin configurations of a distribution: one file {@code <pid>.cfg} per PID in the configuration
 * directory ({@code etc/config}, or {@code $MEMFABRIC_CONFIG_DIR}), in {@link Properties} syntax, every value a string
 * (Declarative Services converts it to the type of the component's configuration attribute). The launcher hands
 * them to Config Admin before the MemFabric bundles start, so components activate with them from the first time.
 * Immutable.
 */
public final class ConfigFiles {

    /** File name suffix of a configuration. */
    public static final String SUFFIX = ".cfg";

    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final Path directory;
    private final Map<String, Map<String, String>> byPid;

    private ConfigFiles(Path directory, Map<String, Map<String, String>> byPid) {
        this.directory = directory;
        this.byPid = byPid;
    }

    /** @return no configurations */
    public static ConfigFiles none() {
        return new ConfigFiles(null, Collections.emptyMap());
    }

    /**
     * Reads every {@code *.cfg} of a directory, in name order; a missing directory holds none.
     *
     * @param directory the configuration directory
     * @return the configurations
     * @throws IOException naming the file when one cannot be read, or its name is not a PID
     */
    public static ConfigFiles read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new ConfigFiles(directory, Collections.emptyMap());
        }
        Map<String, Map<String, String>> byPid = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String pid = name.substring(0, name.length() - SUFFIX.length());
                if (!PID.matcher(pid).matches()) {
                    throw new IOException("configuration file name is not a PID: file=" + file
                            + ", expected=<pid>.cfg with letters, digits, '.', '_' or '-'");
                }
                byPid.put(pid, readOne(file));
            }
        }
        return new ConfigFiles(directory, Collections.unmodifiableMap(byPid));
    }

    private static Map<String, String> readOne(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("configuration file cannot be read: file=" + file + ", cause=" + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeMap<>(properties).keySet().toArray(new String[0])) {
            values.put(key, properties.getProperty(key).trim());
        }
        return Collections.unmodifiableMap(values);
    }

    /** @return the configurations by PID, in PID order */
    public Map<String, Map<String, String>> byPid() {
        return byPid;
    }

    /** @return whether there is none */
    public boolean isEmpty() {
        return byPid.isEmpty();
    }

    /** @return where they were read from, for messages */
    public String source() {
        return String.valueOf(directory);
    }
}
