package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StorageDirsTest {

    @TempDir
    Path work;

    @Test
    void shouldAllocateADirectoryNamedAfterThisProcess() throws Exception {
        assertEquals(work.resolve("felix-cache-" + ProcessHandle.current().pid()), StorageDirs.allocate(work));
    }

    @Test
    void shouldPurgeTheStorageOfAProcessThatIsGoneAndKeepALiveOne() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertTrue(finished.waitFor(20, TimeUnit.SECONDS));
        Path stale = Files.createDirectories(work.resolve("felix-cache-" + finished.pid()).resolve("bundle1"));
        Path live = Files.createDirectories(work.resolve("felix-cache-" + ProcessHandle.current().pid()));
        Path foreign = Files.createDirectories(work.resolve("felix-cache-notapid"));

        StorageDirs.allocate(work);

        assertFalse(Files.exists(stale.getParent()));
        assertTrue(Files.isDirectory(live));
        assertTrue(Files.isDirectory(foreign));
    }
}
