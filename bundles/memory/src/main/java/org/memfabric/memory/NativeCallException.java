package org.memfabric.memory;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;

/**
 * A libc call of the memory layer failed. The message names the call, the errno (number and symbolic name) and
 * the arguments, e.g. {@code "mmap failed: errno=12 (ENOMEM), lengthBytes=4294967296, prot=0x3, flags=0x8001, fd=7"}.
 * The {@link #errorCode()} follows the errno: {@code ENOMEM}/{@code ENOSPC} give {@link ErrorCode#SM_MALLOC_FAILED},
 * {@code ENOENT}/{@code ESRCH} give {@link ErrorCode#SM_OBJECT_NOT_EXISTS}, {@code EACCES}/{@code EPERM} give
 * {@link ErrorCode#BM_FILE_NOT_ACCESS}, and every other errno {@link ErrorCode#BM_DL_FUNCTION_FAILED}.
 */
public class NativeCallException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param call the libc function, e.g. {@code "memfd_create"}
     * @param errno the errno after the call
     * @param arguments the arguments in {@code key=value} form
     */
    public NativeCallException(final String call, final int errno, final String arguments) {
        super(codeOf(errno), call + " failed: errno=" + errno + " (" + errnoName(errno) + "), " + arguments);
        this.call = call;
        this.errno = errno;
    }

    static NativeCallException of(final String call, final int errno, final String arguments) {
        return LastError.record(new NativeCallException(call, errno, arguments));
    }

    /**
     * The libc function that failed.
     *
     * @return the function name
     */
    public String call() {
        return call;
    }

    /**
     * The errno the call left.
     *
     * @return the errno
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name of a Linux errno, e.g. {@code "ENOMEM"}, or {@code "errno"} followed by the number for
     * values not listed here.
     *
     * @param errno the errno
     * @return the name
     */
    public static String errnoName(final int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 3: return "ESRCH";
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 14: return "EFAULT";
            case 16: return "EBUSY";
            case 17: return "EEXIST";
            case 19: return "ENODEV";
            case 22: return "EINVAL";
            case 23: return "ENFILE";
            case 24: return "EMFILE";
            case 27: return "EFBIG";
            case 28: return "ENOSPC";
            case 38: return "ENOSYS";
            case 75: return "EOVERFLOW";
            default: return "errno" + errno;
        }
    }

    private static ErrorCode codeOf(final int errno) {
        switch (errno) {
            case 12:
            case 28:
                return ErrorCode.SM_MALLOC_FAILED;
            case 2:
            case 3:
                return ErrorCode.SM_OBJECT_NOT_EXISTS;
            case 1:
            case 13:
                return ErrorCode.BM_FILE_NOT_ACCESS;
            default:
                return ErrorCode.BM_DL_FUNCTION_FAILED;
        }
    }
}
