package org.memfabric.api.tls;

import java.nio.file.Path;
import java.util.Optional;

import org.memfabric.api.Validate;

/**
 * Path-based TLS settings ({@code smem_tls_option} of {@code smem_set_ssl_option}, and the
 * {@code storeTlsConfig} / {@code hcomTlsConfig} members of the BM config): one CA file, an optional CRL file, this
 * side's certificate and PKCS#8 private key, and optionally a file holding the encrypted key password together with
 * the {@link DecryptHandler} that decrypts it. Mutable builder-style object; not thread-safe.
 */
public final class TlsOption {
    private boolean enabled;
    private Path caFile;
    private Path crlFile;
    private Path certFile;
    private Path keyFile;
    private Path keyPasswordFile;
    private DecryptHandler decryptHandler = DecryptHandler.passThrough();

    /**
     * Whether TLS is on.
     *
     * @return true when enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Turns TLS on or off.
     *
     * @param value true to enable
     * @return this
     */
    public TlsOption enabled(final boolean value) {
        this.enabled = value;
        return this;
    }

    /**
     * The trusted CA certificate file (PEM).
     *
     * @return the file, or null
     */
    public Path caFile() {
        return caFile;
    }

    /**
     * Sets the trusted CA certificate file.
     *
     * @param value a PEM file
     * @return this
     */
    public TlsOption caFile(final Path value) {
        this.caFile = Validate.notNull("caFile", value);
        return this;
    }

    /**
     * The CRL file (PEM), if any.
     *
     * @return the file
     */
    public Optional<Path> crlFile() {
        return Optional.ofNullable(crlFile);
    }

    /**
     * Sets the CRL file.
     *
     * @param value a PEM file, or null for none
     * @return this
     */
    public TlsOption crlFile(final Path value) {
        this.crlFile = value;
        return this;
    }

    /**
     * This side's certificate (PEM).
     *
     * @return the file, or null
     */
    public Path certFile() {
        return certFile;
    }

    /**
     * Sets this side's certificate.
     *
     * @param value a PEM file
     * @return this
     */
    public TlsOption certFile(final Path value) {
        this.certFile = Validate.notNull("certFile", value);
        return this;
    }

    /**
     * This side's private key (PEM PKCS#8, plain or encrypted).
     *
     * @return the file, or null
     */
    public Path keyFile() {
        return keyFile;
    }

    /**
     * Sets this side's private key.
     *
     * @param value a PEM file
     * @return this
     */
    public TlsOption keyFile(final Path value) {
        this.keyFile = Validate.notNull("keyFile", value);
        return this;
    }

    /**
     * The file holding the encrypted key password; absent for an unencrypted key.
     *
     * @return the file
     */
    public Optional<Path> keyPasswordFile() {
        return Optional.ofNullable(keyPasswordFile);
    }

    /**
     * Sets the file holding the encrypted key password.
     *
     * @param value the file, or null for an unencrypted key
     * @return this
     */
    public TlsOption keyPasswordFile(final Path value) {
        this.keyPasswordFile = value;
        return this;
    }

    /**
     * The handler that decrypts the key password (pass-through unless set).
     *
     * @return the handler
     */
    public DecryptHandler decryptHandler() {
        return decryptHandler;
    }

    /**
     * Sets the handler that decrypts the key password.
     *
     * @param value the handler
     * @return this
     */
    public TlsOption decryptHandler(final DecryptHandler value) {
        this.decryptHandler = Validate.notNull("decryptHandler", value);
        return this;
    }

    /**
     * A copy of this option (the decrypt handler is shared).
     *
     * @return the copy
     */
    public TlsOption copy() {
        final TlsOption c = new TlsOption();
        c.enabled = enabled;
        c.caFile = caFile;
        c.crlFile = crlFile;
        c.certFile = certFile;
        c.keyFile = keyFile;
        c.keyPasswordFile = keyPasswordFile;
        c.decryptHandler = decryptHandler;
        return c;
    }

    /**
     * Checks that an enabled option names every file it needs.
     *
     * @return this
     * @throws org.memfabric.api.InvalidArgumentException naming the missing field
     */
    public TlsOption validate() {
        if (enabled) {
            Validate.notNull("caFile", caFile);
            Validate.notNull("certFile", certFile);
            Validate.notNull("keyFile", keyFile);
        }
        return this;
    }
}
