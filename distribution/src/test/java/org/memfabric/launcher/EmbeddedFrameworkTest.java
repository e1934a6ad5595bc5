package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.launcher.testbundles.FailingActivator;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedFrameworkTest {

    @TempDir
    Path temp;

    private Path bundles() throws IOException {
        return Files.createDirectories(temp.resolve("bundles"));
    }

    private EmbeddedFramework start(Path bundlesDir) throws Exception {
        return EmbeddedFramework.start(FrameworkSettings.minimal(temp.resolve("storage")), bundlesDir);
    }

    private static BundleReport find(List<BundleReport> reports, String symbolicName) {
        return reports.stream().filter(r -> r.symbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("bundle not listed: name=" + symbolicName));
    }

    @Test
    void shouldReportActiveBundlesAndResolvedFragmentAsHealthy() throws Exception {
        Path dir = bundles();
        TestBundles.plain(dir, "test.host");
        TestBundles.fragment(dir, "test.fragment", "test.host");
        try (EmbeddedFramework framework = start(dir)) {
            List<BundleReport> reports = BundleInspector.inspect(framework.context(), framework.startupReport());

            assertEquals(3, reports.size(), "system bundle, host and fragment");
            assertEquals("ACTIVE", reports.get(0).state());
            assertEquals("ACTIVE", find(reports, "test.host").state());
            BundleReport fragment = find(reports, "test.fragment");
            assertTrue(fragment.fragment());
            assertEquals("RESOLVED", fragment.state());
            assertEquals("1.2.3", fragment.version());
            assertTrue(reports.stream().allMatch(BundleReport::healthy));
        }
    }

    @Test
    void shouldGiveTheResolveFailureWhenAnImportIsMissing() throws Exception {
        Path dir = bundles();
        TestBundles.plain(dir, "test.fine");
        TestBundles.importing(dir, "test.needy", "org.example.nowhere");
        try (EmbeddedFramework framework = start(dir)) {
            List<BundleReport> reports = BundleInspector.inspect(framework.context(), framework.startupReport());

            BundleReport needy = find(reports, "test.needy");
            assertEquals("INSTALLED", needy.state());
            assertFalse(needy.healthy());
            assertTrue(needy.problem().orElseThrow().contains("org.example.nowhere"), needy.problem().orElseThrow());
            assertTrue(find(reports, "test.fine").healthy(), "other bundles still start");
        }
    }

    @Test
    void shouldGiveTheActivatorFailureWhenStartThrows() throws Exception {
        Path dir = bundles();
        TestBundles.failingActivator(dir, "test.failing");
        try (EmbeddedFramework framework = start(dir)) {
            BundleReport failing = find(BundleInspector.inspect(framework.context(), framework.startupReport()),
                    "test.failing");

            assertEquals("RESOLVED", failing.state());
            assertTrue(failing.problem().orElseThrow().contains(FailingActivator.MESSAGE),
                    failing.problem().orElseThrow());
        }
    }

    @Test
    void shouldRecordAJarThatIsNotABundleAndInstallTheRest() throws Exception {
        Path dir = bundles();
        Path broken = TestBundles.notABundle(dir, "broken.jar");
        TestBundles.plain(dir, "test.fine");
        try (EmbeddedFramework framework = start(dir)) {
            Map<Path, String> failures = framework.startupReport().installFailures();

            assertEquals(List.of(broken), List.copyOf(failures.keySet()));
            assertEquals(2, framework.context().getBundles().length);
        }
    }

    @Test
    void shouldRejectAMissingBundlesDirectoryByName() {
        Path missing = temp.resolve("no-such-dir");

        IOException e = assertThrows(IOException.class, () -> start(missing));

        assertEquals("bundles directory missing: path=" + missing, e.getMessage());
    }

    @Test
    void shouldDeleteTheStorageDirectoryWhenClosed() throws Exception {
        Path dir = bundles();
        TestBundles.plain(dir, "test.fine");
        EmbeddedFramework framework = start(dir);
        assertTrue(Files.isDirectory(temp.resolve("storage")));

        framework.close();

        assertFalse(Files.exists(temp.resolve("storage")));
    }
}
