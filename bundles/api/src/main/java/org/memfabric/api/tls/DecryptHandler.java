package org.memfabric.api.tls;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns the stored (encrypted) password of the config store's private key into the plain password
 * ({@code smem_decrypt_handler}). In OSGi, implementations are published as services of this type; the
 * {@code org.memfabric.security.tls} bundle provides a pass-through one and an AES-GCM one.
 *
 * <p>The caller zeroes the returned array as soon as the key is decrypted; implementations should zero their own
 * temporary copies.
 */
@ConsumerType
@FunctionalInterface
public interface DecryptHandler {
    /** Service property naming a handler, e.g. {@code "passthrough"} or {@code "aes-gcm"}. */
    String NAME_PROPERTY = "memfabric.decrypt.name";

    /**
     * Decrypts a password.
     *
     * @param cipherText the encrypted password as configured
     * @return the plain password; the caller zeroes it after use
     * @throws DecryptException when the cipher text cannot be decrypted
     */
    char[] decrypt(byte[] cipherText) throws DecryptException;

    /**
     * The handler that treats the "cipher text" as the UTF-8 plain password. One trailing line end ({@code \n} or
     * {@code \r\n}) is dropped, so a password file written by {@code echo} works.
     *
     * @return the pass-through handler
     */
    static DecryptHandler passThrough() {
        return cipherText -> {
            final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(cipherText));
            int end = chars.limit();
            if (end > chars.position() && chars.array()[end - 1] == '\n') {
                end--;
                if (end > chars.position() && chars.array()[end - 1] == '\r') {
                    end--;
                }
            }
            final char[] plain = Arrays.copyOfRange(chars.array(), chars.position(), end);
            Arrays.fill(chars.array(), '\0');
            return plain;
        };
    }
}
