package org.memfabric.api;

/**
 * The numeric result codes of MemFabric Hybrid, kept so that logs, scripts and mixed C/Java deployments agree on
 * what a number means.
 *
 * <p>Three families exist, as in the original: the public {@code SM_*} codes of the C API, the config store codes
 * (which also travel in the {@code result} field of the store wire header) and the memory-layer {@code BM_*} codes.
 * {@link #SM_NOT_SUPPORTED} is an extension of this Java implementation; its value lies outside every range the
 * original uses.
 *
 * <p>Every {@link MemFabricException} carries one of these codes.
 */
public enum ErrorCode {
    /** Success ({@code SM_OK}). */
    SM_OK(0, "success"),
    /** Generic failure ({@code SM_ERROR}). */
    SM_ERROR(-1, "error"),
    /** An argument is null, empty, out of range or otherwise malformed ({@code SM_INVALID_PARAM}). */
    SM_INVALID_PARAM(-2000, "invalid parameter"),
    /** Memory could not be allocated ({@code SM_MALLOC_FAILED}). */
    SM_MALLOC_FAILED(-2001, "malloc failed"),
    /** An object could not be created ({@code SM_NEW_OBJECT_FAILED}). */
    SM_NEW_OBJECT_FAILED(-2002, "new object failed"),
    /** The object is not started, e.g. a copy before join ({@code SM_NOT_STARTED}). */
    SM_NOT_STARTED(-2003, "not started"),
    /** A deadline passed ({@code SM_TIMEOUT}). */
    SM_TIMEOUT(-2004, "timeout"),
    /** The call was already made and may not be repeated ({@code SM_REPEAT_CALL}). */
    SM_REPEAT_CALL(-2005, "repeat call"),
    /** An object with the same id exists ({@code SM_DUPLICATED_OBJECT}). */
    SM_DUPLICATED_OBJECT(-2006, "duplicated object"),
    /** The named object does not exist ({@code SM_OBJECT_NOT_EXISTS}). */
    SM_OBJECT_NOT_EXISTS(-2007, "object not exists"),
    /** The module is not initialised ({@code SM_NOT_INITIALIZED}). */
    SM_NOT_INITIALIZED(-2008, "not initialized"),
    /** A resource such as a listen port is in use ({@code SM_RESOURCE_IN_USE}). */
    SM_RESOURCE_IN_USE(-2009, "resource in use"),
    /** The connection was re-established and state must be re-published ({@code SM_RECONNECT}). */
    SM_RECONNECT(-2010, "reconnect"),
    /** Internal: fault information supplied a value ({@code SM_GET_OBJECT}). */
    SM_GET_OBJECT(-2011, "get object"),
    /** Java extension: the capability is not available (yet, or on this host). */
    SM_NOT_SUPPORTED(-2100, "not supported"),

    /** Config store: undecodable or semantically invalid message. */
    STORE_INVALID_MESSAGE(-400, "invalid message"),
    /** Config store: empty or oversized key. */
    STORE_INVALID_KEY(-401, "invalid key"),
    /** Config store: the key does not exist. */
    STORE_NOT_EXIST(-404, "key not exists"),
    /** Config store: a recycled slot was handed out (TRANS fault recovery). */
    STORE_RESTORE(-405, "restore"),
    /** Config store: a blocking operation reached its deadline. */
    STORE_TIMEOUT(-601, "timeout"),
    /** Config store: the link failed. */
    STORE_IO_ERROR(-602, "socket error"),

    /** Memory layer: generic failure. */
    BM_ERROR(-1, "error"),
    /** Memory layer: invalid parameter, e.g. a global range outside the GVA windows. */
    BM_INVALID_PARAM(-2, "invalid parameter"),
    /** Memory layer: allocation failed. */
    BM_MALLOC_FAILED(-3, "malloc failed"),
    /** Memory layer: object creation failed. */
    BM_NEW_OBJECT_FAILED(-4, "new object failed"),
    /** Memory layer: a file could not be accessed. */
    BM_FILE_NOT_ACCESS(-5, "file not accessible"),
    /** Memory layer: a native library function could not be resolved. */
    BM_DL_FUNCTION_FAILED(-6, "native function failed"),
    /** Memory layer: timeout. */
    BM_TIMEOUT(-7, "timeout"),
    /** Memory layer: the native API is being unloaded. */
    BM_UNDER_API_UNLOAD(-8, "api unloading"),
    /** Memory layer: not initialised. */
    BM_NOT_INITIALIZED(-9, "not initialized"),
    /** Memory layer: function not supported. */
    BM_NOT_SUPPORT_FUNC(-10, "function not supported"),
    /** Memory layer: not supported. */
    BM_NOT_SUPPORTED(-100, "not supported");

    private final int code;
    private final String description;

    ErrorCode(final int code, final String description) {
        this.code = code;
        this.description = description;
    }

    /**
     * The numeric value, identical to the original's.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The short text the original prints for this code.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Finds the {@code SM_*} or store code with this number. Memory-layer codes overlap {@code SM_ERROR} at -1 and
     * are therefore only returned for their own distinct values.
     *
     * @param code a numeric code
     * @return the code; {@link #SM_ERROR} for numbers that are not known
     */
    public static ErrorCode of(final int code) {
        for (final ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return SM_ERROR;
    }
}
