package org.memfabric.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features descriptor the features module generated, with each {@code mvn:org.memfabric/...} bundle location
 * pointed at the jar this build produced. Karaf then installs exactly the bundles under test, even when they were
 * never installed into the local repository (plain {@code ./mvnw verify}). Every other location (SCR, Bouncy
 * Castle, ...) is left as the features module wrote it. Driver side only.
 */
final class ReactorFeatures {
    private static final Pattern MEMFABRIC_BUNDLE =
        Pattern.compile("mvn:org\\.memfabric/(org\\.memfabric\\.[\\w.]+)/[^<\\s]+");

    private ReactorFeatures() {
    }

    /**
     * Writes the rewritten descriptor.
     *
     * @param target where to write it
     * @return the written file
     * @throws IllegalStateException when the build did not pass the descriptor or it names no MemFabric bundle
     */
    static File withReactorJars(final File target) {
        final String path = System.getProperty("memfabric.features.xml");
        if (path == null || path.isBlank() || path.startsWith("${") || !new File(path).isFile()) {
            throw new IllegalStateException("features descriptor not passed by the build: "
                + "property=memfabric.features.xml, value=" + path);
        }
        try {
            final String original = Files.readString(new File(path).toPath(), StandardCharsets.UTF_8);
            final Matcher matcher = MEMFABRIC_BUNDLE.matcher(original);
            final StringBuilder rewritten = new StringBuilder();
            int replaced = 0;
            while (matcher.find()) {
                final String jarUrl = MemFabricBundles.jarOf(matcher.group(1)).toURI().toString();
                matcher.appendReplacement(rewritten, Matcher.quoteReplacement(jarUrl));
                replaced++;
            }
            matcher.appendTail(rewritten);
            if (replaced == 0) {
                throw new IllegalStateException("features descriptor names no MemFabric bundle: file=" + path);
            }
            Files.createDirectories(target.getParentFile().toPath());
            Files.writeString(target.toPath(), rewritten, StandardCharsets.UTF_8);
            return target;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot rewrite features descriptor: from=" + path + ", to=" + target, e);
        }
    }
}
