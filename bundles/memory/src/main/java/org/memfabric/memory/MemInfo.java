package org.memfabric.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the kernel's estimate of memory available for new allocations ({@code MemAvailable} in
 * {@code /proc/meminfo}), so that an impossible segment fails with a typed error instead of waking the OOM killer
 * during {@code MAP_POPULATE}. Stateless and thread-safe.
 */
final class MemInfo {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private MemInfo() {
    }

    /**
     * The kernel's {@code MemAvailable}.
     *
     * @return bytes available, or -1 when unknown
     */
    static long availableBytes() {
        return field("MemAvailable:");
    }

    /**
     * A field of {@code /proc/meminfo}, in bytes.
     *
     * @param name the field name with its colon, e.g. {@code "Shmem:"}
     * @return the value in bytes, or -1 when missing or unreadable
     */
    static long field(final String name) {
        try {
            for (final String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith(name)) {
                    final String[] parts = line.substring(name.length()).trim().split("\\s+");
                    final long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && "kB".equals(parts[1]) ? value * 1024 : value;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
