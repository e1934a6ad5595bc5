package org.memfabric.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.BundleContext;

/** Starts a real, empty embedded Felix on a temporary directory before each test and stops it after. */
final class RunningFrameworkExtension implements BeforeEachCallback, AfterEachCallback {

    private Path temp;
    private EmbeddedFramework framework;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        temp = Files.createTempDirectory("memfabric-launcher-test-");
        Path bundles = Files.createDirectories(temp.resolve("bundles"));
        framework = EmbeddedFramework.start(FrameworkSettings.minimal(temp.resolve("storage")), bundles);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        framework.close();
        StorageDirs.deleteTree(temp);
    }

    BundleContext context() {
        return framework.context();
    }
}
