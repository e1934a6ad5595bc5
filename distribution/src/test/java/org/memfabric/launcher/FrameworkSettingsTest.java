package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkSettingsTest {

    @TempDir
    Path home;

    @Test
    void shouldMergeEtcFrameworkPropertiesButKeepTheLauncherKeys() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/framework.properties"),
                "felix.log.level = 3\norg.osgi.framework.storage=/elsewhere\n");
        Path storage = home.resolve("work/felix-cache-1");

        Map<String, String> map = FrameworkSettings.of(new Environment(home, home.resolve("work")), storage, "")
                .asMap();

        assertEquals("3", map.get("felix.log.level"));
        assertEquals(storage.toString(), map.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", map.get("org.osgi.framework.storage.clean"));
        assertEquals("", map.get(FrameworkSettings.GOSH_ARGS));
        assertEquals(home.toAbsolutePath().normalize().toString(), map.get(FrameworkSettings.GOSH_HOME));
        assertEquals("org.memfabric.launcher.spi;version=1.0.0", map.get("org.osgi.framework.system.packages.extra"));
    }

    @Test
    void shouldAppendTheToolSpiToSystemPackagesExtraFromEtc() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/framework.properties"),
                "org.osgi.framework.system.packages.extra=com.example.extra;version=2.0\n");

        Map<String, String> map = FrameworkSettings.of(new Environment(home, home.resolve("work")),
                home.resolve("s"), FrameworkSettings.GOSH_BACKGROUND).asMap();

        assertEquals("com.example.extra;version=2.0,org.memfabric.launcher.spi;version=1.0.0",
                map.get("org.osgi.framework.system.packages.extra"));
    }

    @Test
    void shouldWorkWithoutAnEtcDirectory() throws Exception {
        Map<String, String> map = FrameworkSettings.of(new Environment(home, home.resolve("work")),
                home.resolve("s"), FrameworkSettings.GOSH_BACKGROUND).asMap();

        assertEquals(FrameworkSettings.GOSH_BACKGROUND, map.get(FrameworkSettings.GOSH_ARGS));
    }
}
