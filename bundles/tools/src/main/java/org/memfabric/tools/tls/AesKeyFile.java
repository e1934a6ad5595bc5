package org.memfabric.tools.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.memfabric.security.tls.AesGcmDecryptHandler;
import org.memfabric.security.tls.TlsConfigException;

/**
 * Reads an AES-256 key file in the format {@link AesGcmDecryptHandler} accepts: exactly 32 raw bytes, or the base64
 * of 32 bytes with surrounding whitespace. Stateless.
 */
final class AesKeyFile {
    private AesKeyFile() {
    }

    /**
     * Reads the key.
     *
     * @param file the key file
     * @return the 32 key bytes; the caller zeroes them
     * @throws IOException when the file cannot be read
     * @throws TlsConfigException when it holds no 32-byte key (the message names the sizes, never the bytes)
     */
    static byte[] read(final Path file) throws IOException {
        final byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            throw new TlsConfigException("aes-gcm key file missing: file=" + file, e);
        }
        try {
            if (content.length == AesGcmDecryptHandler.KEY_BYTES) {
                return content.clone();
            }
            final byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            } catch (final IllegalArgumentException e) {
                throw new TlsConfigException("aes-gcm key file must hold 32 raw bytes or their base64: file=" + file
                    + ", sizeBytes=" + content.length + ", base64=invalid");
            }
            if (decoded.length != AesGcmDecryptHandler.KEY_BYTES) {
                Arrays.fill(decoded, (byte) 0);
                throw new TlsConfigException("aes-gcm key file must hold 32 raw bytes or their base64: file=" + file
                    + ", sizeBytes=" + content.length + ", decodedBytes=" + decoded.length);
            }
            return decoded;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
