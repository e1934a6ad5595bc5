package org.memfabric.security.tls;

import java.util.Arrays;

import org.memfabric.api.tls.DecryptHandler;

/**
 * The encrypted password of a private key together with the {@link DecryptHandler} that decrypts it. Decrypting is
 * deferred until a key turns out to be encrypted. Holds a copy of the cipher text; {@link #destroy()} zeroes it.
 * Used by one thread (the one building a {@link TlsEndpoint}).
 */
final class KeyPassword {
    private final byte[] cipherText;
    private final DecryptHandler handler;
    private final String origin;

    private KeyPassword(final byte[] cipherText, final DecryptHandler handler, final String origin) {
        this.cipherText = cipherText;
        this.handler = handler;
        this.origin = origin;
    }

    /**
     * A password source.
     *
     * @param cipherText the encrypted password (copied), or null / empty for none
     * @param handler the handler that decrypts it
     * @param origin where it came from, as {@code key=value} (e.g. {@code passwordFile=/x/pw})
     * @return the source
     */
    static KeyPassword of(final byte[] cipherText, final DecryptHandler handler, final String origin) {
        return new KeyPassword(cipherText == null ? null : cipherText.clone(), handler, origin);
    }

    /**
     * No password configured.
     *
     * @param origin what would have configured it, as {@code key=value}
     * @return the empty source
     */
    static KeyPassword none(final String origin) {
        return new KeyPassword(null, null, origin);
    }

    /**
     * Where the password came from.
     *
     * @return {@code key=value}
     */
    String origin() {
        return origin;
    }

    /**
     * Decrypts the password. The caller must zero the result ({@code Arrays.fill(p, '\0')}) right after use.
     *
     * @param keyOrigin the encrypted key's origin, named in errors
     * @return the non-empty plain password
     */
    char[] decrypt(final String keyOrigin) {
        if (cipherText == null) {
            throw new TlsConfigException("tls private key is encrypted but no key password is configured: "
                + keyOrigin + ", " + origin);
        }
        if (cipherText.length == 0) {
            throw new TlsConfigException("tls key password is empty: " + keyOrigin + ", " + origin);
        }
        final char[] plain;
        final byte[] copy = cipherText.clone();
        try {
            plain = handler.decrypt(copy);
        } catch (final RuntimeException e) {
            // DecryptException (a MemFabricException) or any failure of a third-party handler.
            throw new TlsConfigException("tls key password could not be decrypted: " + keyOrigin + ", " + origin
                + ", handler=" + handler.getClass().getName() + ", cause=" + e.getMessage(), e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
        if (plain == null || plain.length == 0) {
            throw new TlsConfigException("tls key password is empty after decryption: " + keyOrigin + ", " + origin
                + ", handler=" + handler.getClass().getName());
        }
        return plain;
    }

    /** Zeroes the held cipher text. */
    void destroy() {
        if (cipherText != null) {
            Arrays.fill(cipherText, (byte) 0);
        }
    }
}
