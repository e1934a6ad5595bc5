package org.memfabric.api.tls;

import java.util.Arrays;

import org.memfabric.api.Validate;

/**
 * The private key material of {@code smem_set_config_store_tls_key}: the key (PEM text, possibly an encrypted
 * PKCS#8 key), the encrypted password and the handler that decrypts it. Holds copies; {@link #destroy()} zeroes
 * them.
 */
public final class TlsKey {
    private final byte[] privateKeyPem;
    private final byte[] encryptedPassword;
    private final DecryptHandler decryptHandler;

    /**
     * Creates key material.
     *
     * @param privateKeyPem the PEM key (copied)
     * @param encryptedPassword the encrypted password (copied; empty for an unencrypted key)
     * @param decryptHandler the handler that decrypts the password
     */
    public TlsKey(final byte[] privateKeyPem, final byte[] encryptedPassword, final DecryptHandler decryptHandler) {
        Validate.isTrue(privateKeyPem != null && privateKeyPem.length > 0,
            "tls private key must not be empty: tls_pk_len=" + (privateKeyPem == null ? "null" : "0"));
        this.privateKeyPem = privateKeyPem.clone();
        this.encryptedPassword = encryptedPassword == null ? new byte[0] : encryptedPassword.clone();
        this.decryptHandler = Validate.notNull("decryptHandler", decryptHandler);
    }

    /**
     * A copy of the PEM key.
     *
     * @return the key bytes; the caller should zero them after use
     */
    public byte[] privateKeyPem() {
        return privateKeyPem.clone();
    }

    /**
     * A copy of the encrypted password.
     *
     * @return the bytes; empty for an unencrypted key
     */
    public byte[] encryptedPassword() {
        return encryptedPassword.clone();
    }

    /**
     * The handler.
     *
     * @return the handler
     */
    public DecryptHandler decryptHandler() {
        return decryptHandler;
    }

    /** Zeroes the held key and password. */
    public void destroy() {
        Arrays.fill(privateKeyPem, (byte) 0);
        Arrays.fill(encryptedPassword, (byte) 0);
    }
}
