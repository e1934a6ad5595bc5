package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BundleInstallerTest {

    @TempDir
    Path temp;

    @Test
    void shouldListJarsSortedByNameAndIgnoreOtherFiles() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("bundles"));
        TestBundles.plain(dir, "b");
        TestBundles.plain(dir, "a");
        Files.writeString(dir.resolve("notes.txt"), "not a jar");

        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")), BundleInstaller.jarsIn(dir));
    }

    @Test
    void shouldStartTheGogoShellAfterEveryOtherBundle() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("bundles"));
        TestBundles.plain(dir, "a.first");
        TestBundles.plain(dir, "org.apache.felix.gogo.shell");
        TestBundles.plain(dir, "z.last.by.name");
        Framework framework = EmbeddedFramework.newFramework(
                FrameworkSettings.minimal(temp.resolve("storage")).asMap());
        framework.init();
        try {
            List<String> startedOrder = new CopyOnWriteArrayList<>();
            framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
                if (event.getType() == BundleEvent.STARTED) {
                    startedOrder.add(event.getBundle().getSymbolicName());
                }
            });
            StartupReport report = new StartupReport();
            List<Bundle> installed = BundleInstaller.installAll(framework.getBundleContext(),
                    BundleInstaller.jarsIn(dir), report);
            framework.start();
            startedOrder.clear(); // drop the system bundle's own event

            BundleInstaller.startAll(installed, report);

            assertEquals(List.of("a.first", "z.last.by.name", "org.apache.felix.gogo.shell"), startedOrder);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
