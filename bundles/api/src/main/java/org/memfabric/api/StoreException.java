package org.memfabric.api;

/**
 * The config store answered with an error code or the link to it failed. Carries one of the store codes
 * ({@link ErrorCode#STORE_NOT_EXIST}, {@link ErrorCode#STORE_IO_ERROR}, ...) and the key concerned.
 */
public class StoreException extends MemFabricException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param code a store code
     * @param key the key the operation was about, or an empty string
     * @param message the {@code what: key=value} message
     * @param cause the underlying failure, or null
     */
    public StoreException(final ErrorCode code, final String key, final String message, final Throwable cause) {
        super(code, Category.ERROR, message, cause);
        this.key = key == null ? "" : key;
    }

    /**
     * The key the failed operation was about (un-prefixed, as the caller named it).
     *
     * @return the key, or an empty string
     */
    public String key() {
        return key;
    }
}
