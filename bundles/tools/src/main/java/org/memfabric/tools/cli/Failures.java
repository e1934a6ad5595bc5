package org.memfabric.tools.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.security.tls.TlsConfigException;

/**
 * Turns the typed failures of MemFabric calls into one line for a person: what went wrong in words, the original
 * message (which names the key, URL or file) and the numeric code.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * Describes a failure.
     *
     * @param failure the exception of a MemFabric call
     * @return {@code <plain words>: <message> (code=<NAME> <number>)}
     */
    public static String describe(final MemFabricException failure) {
        return headline(failure) + ": " + failure.getMessage() + " (code=" + failure.errorCode() + " "
            + failure.code() + ")";
    }

    /**
     * Describes a failed file operation.
     *
     * @param failure the exception
     * @return {@code <plain words>: file=<path>}, or the exception itself for other I/O failures
     */
    public static String describe(final IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "file not found: file=" + failure.getMessage();
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied: file=" + failure.getMessage();
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "file exists: file=" + failure.getMessage();
        }
        return "i/o failure: " + failure;
    }

    private static String headline(final MemFabricException failure) {
        if (failure instanceof TlsConfigException) {
            return "tls configuration refused";
        }
        final ErrorCode code = failure.errorCode();
        switch (code) {
            case STORE_NOT_EXIST:
                return "key not found";
            case STORE_TIMEOUT:
            case SM_TIMEOUT:
                return "timed out";
            case STORE_IO_ERROR:
                return "store unreachable or link lost";
            case STORE_INVALID_KEY:
                return "invalid key";
            case STORE_INVALID_MESSAGE:
                return "store refused the request";
            case SM_INVALID_PARAM:
                return "invalid argument";
            case SM_RESOURCE_IN_USE:
                return "address in use";
            default:
                return code.description();
        }
    }
}
