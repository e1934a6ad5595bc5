package org.memfabric.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Framework storage directories under the work directory, one per launcher process
 * ({@code <work>/felix-cache-<pid>}), so that several MemFabric processes of one distribution run side by side.
 * Directories left behind by processes that are gone are removed when a new one is allocated.
 */
public final class StorageDirs {

    static final String PREFIX = "felix-cache-";

    private StorageDirs() {
    }

    /**
     * @param workDir the work directory; created when missing
     * @return the storage directory of this process (not created: the framework creates it)
     * @throws IOException when the work directory cannot be created
     */
    public static Path allocate(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        purgeStale(workDir);
        return workDir.resolve(PREFIX + ProcessHandle.current().pid());
    }

    /**
     * Deletes the storage directories whose owning process no longer runs.
     *
     * @param workDir the work directory
     * @throws IOException when the directory cannot be listed
     */
    static void purgeStale(Path workDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(workDir, PREFIX + "*")) {
            for (Path entry : entries) {
                String suffix = entry.getFileName().toString().substring(PREFIX.length());
                if (!suffix.matches("[0-9]+")) {
                    continue;
                }
                long pid = Long.parseLong(suffix);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(entry);
            }
        }
    }

    /**
     * Deletes a directory tree, ignoring what vanished meanwhile.
     *
     * @param root the directory to delete
     * @throws IOException when an entry cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
