package org.memfabric.memory;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the memory layer needs, bound once by JNA direct mapping, with the constants of 64-bit Linux
 * (x86-64 and aarch64 share every value used here). Each wrapper checks the return value and turns a failure into a
 * {@link NativeCallException} naming the call, the errno and the arguments; callers never see raw {@code -1}s.
 *
 * <p>Stateless and thread-safe: errno is captured per thread by JNA right after each call
 * ({@link Native#getLastError()}), before the JVM can overwrite it.
 */
final class LibC {
    /** {@code memfd_create} flag: close the fd on exec. */
    static final int MFD_CLOEXEC = 0x0001;
    /** {@code mmap} protection: readable. */
    static final int PROT_READ = 0x1;
    /** {@code mmap} protection: writable. */
    static final int PROT_WRITE = 0x2;
    /** {@code mmap} flag: share the pages with every other mapping of the file. */
    static final int MAP_SHARED = 0x01;
    /** {@code mmap} flag: fault every page in during the call (machine.md: first touch is ~10x slower). */
    static final int MAP_POPULATE = 0x8000;
    /** {@code open} flag: read and write. */
    static final int O_RDWR = 0x2;
    /** {@code open} flag: close the fd on exec. */
    static final int O_CLOEXEC = 0x80000;
    /** {@code madvise} advice: no special treatment. */
    static final int MADV_NORMAL = 0;
    /** {@code madvise} advice: leave the range out of core dumps. */
    static final int MADV_DONTDUMP = 16;

    /** errno: no such process. */
    static final int ESRCH = 3;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    // The raw bindings; size_t and off_t are 64-bit on every platform this class supports.
    private static native int memfd_create(String name, int flags);

    private static native int ftruncate(int fd, long length);

    private static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    private static native int munmap(Pointer addr, long length);

    private static native int madvise(Pointer addr, long length, int advice);

    private static native int close(int fd);

    private static native int open(String path, int flags);

    private static native int kill(int pid, int signal);

    static int memfdCreate(final String name, final int flags) {
        final int fd = memfd_create(name, flags);
        if (fd < 0) {
            throw NativeCallException.of("memfd_create", Native.getLastError(),
                "name=" + name + ", flags=0x" + Integer.toHexString(flags));
        }
        return fd;
    }

    static void ftruncate(final int fd, final long lengthBytes, final String context) {
        if (ftruncate(fd, lengthBytes) != 0) {
            throw NativeCallException.of("ftruncate", Native.getLastError(),
                "fd=" + fd + ", lengthBytes=" + lengthBytes + ", " + context);
        }
    }

    /** Maps {@code lengthBytes} of a file shared, read-write, and returns the address. */
    static long mmapShared(final int fd, final long lengthBytes, final int extraFlags, final String context) {
        final int flags = MAP_SHARED | extraFlags;
        final Pointer address = mmap(null, lengthBytes, PROT_READ | PROT_WRITE, flags, fd, 0);
        final long value = Pointer.nativeValue(address);
        if (value == -1L || value == 0L) {
            throw NativeCallException.of("mmap", Native.getLastError(), "lengthBytes=" + lengthBytes
                + ", prot=0x3, flags=0x" + Integer.toHexString(flags) + ", fd=" + fd + ", " + context);
        }
        return value;
    }

    static void munmap(final long address, final long lengthBytes, final String context) {
        if (munmap(new Pointer(address), lengthBytes) != 0) {
            throw NativeCallException.of("munmap", Native.getLastError(),
                "address=0x" + Long.toHexString(address) + ", lengthBytes=" + lengthBytes + ", " + context);
        }
    }

    static void madvise(final long address, final long lengthBytes, final int advice, final String context) {
        if (madvise(new Pointer(address), lengthBytes, advice) != 0) {
            throw NativeCallException.of("madvise", Native.getLastError(), "address=0x" + Long.toHexString(address)
                + ", lengthBytes=" + lengthBytes + ", advice=" + advice + ", " + context);
        }
    }

    static void close(final int fd, final String context) {
        if (close(fd) != 0) {
            throw NativeCallException.of("close", Native.getLastError(), "fd=" + fd + ", " + context);
        }
    }

    static int openFile(final String path, final int flags) {
        final int fd = open(path, flags);
        if (fd < 0) {
            throw NativeCallException.of("open", Native.getLastError(),
                "path=" + path + ", flags=0x" + Integer.toHexString(flags));
        }
        return fd;
    }

    /**
     * {@code kill(pid, 0)}: whether a process with this pid exists (permission errors mean it does).
     *
     * @return true unless the kernel answers ESRCH
     */
    static boolean processExists(final int pid) {
        if (kill(pid, 0) == 0) {
            return true;
        }
        return Native.getLastError() != ESRCH;
    }
}
