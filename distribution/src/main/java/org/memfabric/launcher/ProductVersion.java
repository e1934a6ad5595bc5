package org.memfabric.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product version, read from the build-filtered resource {@value #RESOURCE}. */
public final class ProductVersion {

    static final String RESOURCE = "/org/memfabric/launcher/version.properties";

    private ProductVersion() {
    }

    /**
     * @return the MemFabric version, e.g. {@code 0.1.0-SNAPSHOT}
     * @throws IllegalStateException when the resource is missing or was not filtered
     */
    public static String product() {
        return read("memfabric.version");
    }

    /** @return the Felix framework version the distribution was built with */
    public static String builtWithFelix() {
        return read("felix.framework.version");
    }

    private static String read(String key) {
        Properties properties = new Properties();
        try (InputStream in = ProductVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("version resource missing: resource=" + RESOURCE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("version resource unreadable: resource=" + RESOURCE, e);
        }
        String value = properties.getProperty(key);
        if (value == null || value.startsWith("${")) {
            throw new IllegalStateException("version resource not filtered: resource=" + RESOURCE + " key=" + key);
        }
        return value;
    }
}
