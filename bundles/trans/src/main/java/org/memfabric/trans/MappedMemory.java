package org.memfabric.trans;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.memfabric.api.InvalidArgumentException;

/**
 * Checks that a raw address range is mapped readable and writable in this process ({@code /proc/self/maps}), so that
 * registering a wrong address is a typed error instead of a crash on the first peer access. The check is made once,
 * at registration; the caller keeps the memory mapped until it deregisters. Stateless.
 */
final class MappedMemory {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private MappedMemory() {
    }

    /**
     * Fails unless every byte of {@code [address, address + sizeBytes)} lies in a readable and writable mapping.
     *
     * @throws InvalidArgumentException naming the range and the first unmapped address
     */
    static void checkReadWrite(final long address, final long sizeBytes) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(MAPS, StandardCharsets.ISO_8859_1);
        } catch (final IOException e) {
            return; // no procfs: the range cannot be checked here, the caller's promise stands
        }
        long next = address;
        final long end = address + sizeBytes;
        for (final String line : lines) {
            final int dash = line.indexOf('-');
            final int space = line.indexOf(' ');
            if (dash < 0 || space < dash || line.length() < space + 3) {
                continue;
            }
            final long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
            final long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            final boolean rw = line.charAt(space + 1) == 'r' && line.charAt(space + 2) == 'w';
            if (Long.compareUnsigned(from, next) <= 0 && Long.compareUnsigned(to, next) > 0) {
                if (!rw) {
                    break;
                }
                next = to;
                if (Long.compareUnsigned(next, end) >= 0) {
                    return;
                }
            }
        }
        throw new InvalidArgumentException("memory not mapped read-write in this process: address=0x"
            + Long.toHexString(address) + ", sizeBytes=" + sizeBytes + ", unmappedAt=0x" + Long.toHexString(next));
    }
}
