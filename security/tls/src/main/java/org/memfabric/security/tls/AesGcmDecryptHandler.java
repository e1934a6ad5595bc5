package org.memfabric.security.tls;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.memfabric.api.LastError;
import org.memfabric.api.tls.DecryptException;
import org.memfabric.api.tls.DecryptHandler;

/**
 * A {@link DecryptHandler} for key passwords protected with AES-256-GCM under a key kept in a separate file.
 * Immutable and thread-safe: any thread may call {@link #decrypt(byte[])} and the static helpers concurrently.
 *
 * <h2>Key file</h2>
 * Either exactly 32 raw bytes, or the standard base64 of 32 bytes (surrounding whitespace, e.g. a trailing newline,
 * is ignored). Anything else is refused. Make one with {@link #newKey()}; keep it readable by the service user only.
 *
 * <h2>Cipher text</h2>
 * ASCII base64 (standard alphabet, with padding; surrounding whitespace ignored) of
 * <pre>
 *   0        4                16                                   end
 *   +--------+----------------+-------------------------------------+
 *   | "MFG1" | nonce 12 bytes | AES-256-GCM(UTF-8 password) + 16-byte tag |
 *   +--------+----------------+-------------------------------------+
 * </pre>
 * with the additional authenticated data {@code "memfabric-key-password"} (US-ASCII) and a 128-bit tag. Produce it
 * with {@link #encrypt(byte[], char[])}.
 *
 * <p>Intermediate byte and char buffers holding the plain password are zeroed; error messages never contain password
 * or key bytes.
 */
public final class AesGcmDecryptHandler implements DecryptHandler {
    /** Format tag at the start of the decoded cipher text. */
    public static final String MAGIC = "MFG1";
    /** Additional authenticated data bound into every cipher text. */
    public static final String AAD = "memfabric-key-password";
    /** Key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    /** GCM nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** GCM tag length in bytes. */
    public static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD_BYTES = AAD.getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyOrigin;

    /**
     * Loads the key from a file.
     *
     * @param keyFile 32 raw bytes or their base64
     * @throws TlsConfigException when the file is missing, unreadable or holds no 32-byte key (recorded as the
     *     calling thread's last error)
     */
    public AesGcmDecryptHandler(final Path keyFile) {
        try {
            if (keyFile == null) {
                throw new TlsConfigException("aes-gcm key file must be set: keyFile=null");
            }
            final byte[] content = PemFiles.read(keyFile, "aesGcmKey");
            final byte[] raw = decodeKeyFile(content, keyFile);
            try {
                this.key = new SecretKeySpec(raw, "AES");
            } finally {
                Arrays.fill(raw, (byte) 0);
                Arrays.fill(content, (byte) 0);
            }
            this.keyOrigin = "keyFile=" + keyFile;
        } catch (final TlsConfigException e) {
            throw LastError.record(e);
        }
    }

    private static byte[] decodeKeyFile(final byte[] content, final Path keyFile) {
        if (content.length == KEY_BYTES) {
            return content.clone();
        }
        final String text = new String(content, StandardCharsets.US_ASCII).strip();
        byte[] decoded = null;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException e) {
            // fall through to the error below, which names the sizes only
        }
        if (decoded == null || decoded.length != KEY_BYTES) {
            if (decoded != null) {
                Arrays.fill(decoded, (byte) 0);
            }
            throw new TlsConfigException("aes-gcm key file must hold 32 raw bytes or their base64: file=" + keyFile
                + ", sizeBytes=" + content.length + (decoded == null ? ", base64=invalid"
                    : ", decodedBytes=" + decoded.length));
        }
        return decoded;
    }

    @Override
    public char[] decrypt(final byte[] cipherText) throws DecryptException {
        if (cipherText == null) {
            throw new DecryptException("aes-gcm cipher text must not be null: " + keyOrigin, null);
        }
        final byte[] blob;
        try {
            blob = Base64.getDecoder().decode(new String(cipherText, StandardCharsets.US_ASCII).strip());
        } catch (final IllegalArgumentException e) {
            throw new DecryptException("aes-gcm cipher text is not base64: " + keyOrigin + ", sizeBytes="
                + cipherText.length, e);
        }
        final int minBytes = MAGIC_BYTES.length + NONCE_BYTES + TAG_BYTES;
        if (blob.length < minBytes || !Arrays.equals(blob, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length)) {
            throw new DecryptException("aes-gcm cipher text has no " + MAGIC + " header or is truncated: " + keyOrigin
                + ", decodedBytes=" + blob.length + ", minBytes=" + minBytes, null);
        }
        byte[] plain = null;
        try {
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key,
                new GCMParameterSpec(TAG_BYTES * 8, blob, MAGIC_BYTES.length, NONCE_BYTES));
            cipher.updateAAD(AAD_BYTES);
            final int offset = MAGIC_BYTES.length + NONCE_BYTES;
            plain = cipher.doFinal(blob, offset, blob.length - offset);
            return utf8Decode(plain);
        } catch (final AEADBadTagException e) {
            throw new DecryptException("aes-gcm password decryption failed (wrong key or tampered cipher text): "
                + keyOrigin + ", decodedBytes=" + blob.length, e);
        } catch (final GeneralSecurityException e) {
            throw new DecryptException("aes-gcm password decryption failed: " + keyOrigin + ", cause="
                + e.getClass().getSimpleName(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static char[] utf8Decode(final byte[] plain) throws DecryptException {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = null;
        try {
            chars = decoder.decode(ByteBuffer.wrap(plain));
            return Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        } catch (final CharacterCodingException e) {
            throw new DecryptException("aes-gcm decrypted password is not UTF-8: plainBytes=" + plain.length, e);
        } finally {
            if (chars != null) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /**
     * Encrypts a password into the cipher-text format of this class (for {@code memfabric tls} commands and
     * tests).
     *
     * @param key32 the 32-byte key
     * @param password the non-empty password (not modified)
     * @return ASCII base64 bytes, without a trailing newline
     * @throws TlsConfigException when the key is not 32 bytes or the password is empty
     */
    public static byte[] encrypt(final byte[] key32, final char[] password) {
        if (key32 == null || key32.length != KEY_BYTES) {
            throw LastError.record(new TlsConfigException("aes-gcm key must be 32 bytes: keyBytes="
                + (key32 == null ? "null" : String.valueOf(key32.length))));
        }
        if (password == null || password.length == 0) {
            throw LastError.record(new TlsConfigException("aes-gcm password must not be empty: passwordChars="
                + (password == null ? "null" : "0")));
        }
        final byte[] plain = utf8Encode(password);
        try {
            final byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key32, "AES"),
                new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(AAD_BYTES);
            final byte[] sealed = cipher.doFinal(plain);
            final ByteBuffer blob = ByteBuffer.allocate(MAGIC_BYTES.length + NONCE_BYTES + sealed.length);
            blob.put(MAGIC_BYTES).put(nonce).put(sealed);
            return Base64.getEncoder().encode(blob.array());
        } catch (final GeneralSecurityException e) {
            throw LastError.record(new TlsConfigException("aes-gcm encryption failed: transformation="
                + TRANSFORMATION + ", cause=" + e.getClass().getSimpleName(), e));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] utf8Encode(final char[] password) {
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = null;
        try {
            bytes = encoder.encode(CharBuffer.wrap(password));
            return Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        } catch (final CharacterCodingException e) {
            throw LastError.record(new TlsConfigException(
                "aes-gcm password is not valid UTF-16 (unpaired surrogate): passwordChars=" + password.length, e));
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /**
     * A fresh random key.
     *
     * @return 32 bytes from {@link SecureRandom}
     */
    public static byte[] newKey() {
        final byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    @Override
    public String toString() {
        return "AesGcmDecryptHandler[" + keyOrigin + "]";
    }
}
