package org.memfabric.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.memfabric.launcher.testbundles.EchoToolActivator;
import org.memfabric.launcher.testbundles.FailingActivator;

/** Writes tiny bundle jars for tests: manifests only, or one activator class copied from the test classes. */
final class TestBundles {

    private TestBundles() {
    }

    static Path plain(Path dir, String symbolicName) throws IOException {
        return write(dir, symbolicName, Map.of(), null);
    }

    static Path importing(Path dir, String symbolicName, String missingPackage) throws IOException {
        return write(dir, symbolicName, Map.of("Import-Package", missingPackage), null);
    }

    static Path fragment(Path dir, String symbolicName, String host) throws IOException {
        return write(dir, symbolicName, Map.of("Fragment-Host", host), null);
    }

    static Path failingActivator(Path dir, String symbolicName) throws IOException {
        return write(dir, symbolicName, Map.of("Bundle-Activator", FailingActivator.class.getName(),
                "Import-Package", "org.osgi.framework"), FailingActivator.class);
    }

    /** A bundle that imports the tool SPI from the system bundle and registers the tool {@code echo}. */
    static Path echoTool(Path dir, String symbolicName) throws IOException {
        return write(dir, symbolicName, Map.of("Bundle-Activator", EchoToolActivator.class.getName(),
                "Import-Package", "org.osgi.framework,org.memfabric.launcher.spi;version=\"[1.0,2)\""),
                EchoToolActivator.class);
    }

    static Path notABundle(Path dir, String fileName) throws IOException {
        return Files.writeString(dir.resolve(fileName), "this is not a zip file");
    }

    private static Path write(Path dir, String symbolicName, Map<String, String> headers, Class<?> content)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.2.3");
        headers.forEach(main::putValue);
        Path jar = dir.resolve(symbolicName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            if (content != null) {
                String entry = content.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = content.getResourceAsStream("/" + entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
