package org.memfabric.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.memfabric.api.LastError;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.Validate;

/**
 * Who this host is, as far as sharing memory goes: the kernel's boot id, which changes at every boot, so two
 * processes with the same boot id run on the same kernel and can map each other's memfds; and whether a process
 * still exists. Thread-safe; the boot id is read once per class loader.
 */
public final class HostIdentity {
    /** Where the Linux kernel publishes its boot id. */
    public static final Path BOOT_ID_FILE = Path.of("/proc/sys/kernel/random/boot_id");

    private HostIdentity() {
    }

    /**
     * The kernel's boot id.
     *
     * @return the boot id
     * @throws NotSupportedException when {@code /proc/sys/kernel/random/boot_id} cannot be read or parsed (not
     *     Linux, or no /proc), with the cause kept
     */
    public static UUID bootId() {
        return BootId.VALUE.orElseThrow();
    }

    /**
     * Whether a process with this pid exists and has not exited: {@code kill(pid, 0)}, then the state letter of
     * {@code /proc/<pid>/stat}, so that a zombie (exited, not yet reaped by its parent; its fds already closed) reads
     * as gone. A pid the kernel reused for another process reads as alive; callers that must tell the difference
     * compare something the process published.
     *
     * @param pid a positive pid
     * @return false when there is no such process or it has exited
     */
    public static boolean isProcessAlive(final int pid) {
        Validate.positive("pid", pid);
        if (!LibC.processExists(pid)) {
            return false;
        }
        final char state = processState(pid);
        return state != 'Z' && state != 'X';
    }

    /** The state letter of {@code /proc/<pid>/stat} (after the parenthesised command name), or '?' if unreadable. */
    static char processState(final int pid) {
        try {
            final String stat = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/stat")),
                StandardCharsets.US_ASCII);
            final int end = stat.lastIndexOf(')');
            return end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
        } catch (final IOException e) {
            return '?';
        }
    }

    static UUID readBootId(final Path file) {
        try {
            return UUID.fromString(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
        } catch (final IOException | IllegalArgumentException e) {
            throw LastError.record(new NotSupportedException("boot id not readable: file=" + file + ", cause=" + e,
                e));
        }
    }

    /** The boot id, or the failure to read it, computed once. */
    private static final class BootId {
        static final Outcome VALUE = Outcome.read();
    }

    /** A value or the failure that prevented it. */
    private static final class Outcome {
        private final UUID value;
        private final NotSupportedException failure;

        private Outcome(final UUID value, final NotSupportedException failure) {
            this.value = value;
            this.failure = failure;
        }

        static Outcome read() {
            try {
                return new Outcome(readBootId(BOOT_ID_FILE), null);
            } catch (final NotSupportedException e) {
                return new Outcome(null, e);
            }
        }

        UUID orElseThrow() {
            if (value == null) {
                throw LastError.record(new NotSupportedException(failure.getMessage(), failure.getCause()));
            }
            return value;
        }
    }
}
