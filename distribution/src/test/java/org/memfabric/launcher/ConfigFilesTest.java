package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryCfgFileAsOnePidWithTrimmedStringValues() throws IOException {
        Files.writeString(dir.resolve("org.memfabric.transport.shm.cfg"), "# lanes\ncopyLanes = 3 \nparallelMinKiB=512\n");
        Files.writeString(dir.resolve("org.memfabric.log.cfg"), "level=debug\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        ConfigFiles configs = ConfigFiles.read(dir);

        assertEquals(List.of("org.memfabric.log", "org.memfabric.transport.shm"), List.copyOf(configs.byPid().keySet()));
        assertEquals(Map.of("copyLanes", "3", "parallelMinKiB", "512"), configs.byPid().get("org.memfabric.transport.shm"));
        assertEquals(Map.of("level", "debug"), configs.byPid().get("org.memfabric.log"));
    }

    @Test
    void shouldHoldNoneForAMissingDirectory() throws IOException {
        assertTrue(ConfigFiles.read(dir.resolve("absent")).isEmpty());
        assertTrue(ConfigFiles.none().isEmpty());
    }

    @Test
    void shouldRefuseAFileWhoseNameIsNotAPidNamingIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("two words.cfg"), "a=1\n");

        IOException failure = assertThrows(IOException.class, () -> ConfigFiles.read(dir));

        assertTrue(failure.getMessage().startsWith("configuration file name is not a PID: file=" + bad),
                failure.getMessage());
    }

    @Test
    void shouldRefuseAMalformedFileNamingIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("org.example.cfg"), "key=\\u12\n");

        IOException failure = assertThrows(IOException.class, () -> ConfigFiles.read(dir));

        assertTrue(failure.getMessage().startsWith("configuration file cannot be read: file=" + bad),
                failure.getMessage());
    }
}
