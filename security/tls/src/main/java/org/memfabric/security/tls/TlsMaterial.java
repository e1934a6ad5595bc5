package org.memfabric.security.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

/**
 * The loaded (not yet checked) material of one TLS endpoint: this side's certificate chain and private key, the
 * trusted CA certificates and the CRLs, each with the file it came from. Built by one thread, then immutable.
 */
final class TlsMaterial {
    /** A certificate with the file it came from. */
    record Located(X509Certificate certificate, Path file) {
    }

    /** A CRL with the file it came from. */
    record LocatedCrl(X509CRL crl, Path file) {
    }

    private static final String KEY_API = "setConfigStoreTlsKey";

    private final Path certFile;
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final String keyOrigin;
    private final List<Located> cas;
    private final List<LocatedCrl> crls;

    private TlsMaterial(final Path certFile, final List<X509Certificate> chain, final PrivateKey privateKey,
        final String keyOrigin, final List<Located> cas, final List<LocatedCrl> crls) {
        this.certFile = certFile;
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.keyOrigin = keyOrigin;
        this.cas = List.copyOf(cas);
        this.crls = List.copyOf(crls);
    }

    /**
     * Loads the material the settings name: the files of an enabled {@link TlsOption} when there is one, otherwise
     * the {@link TlsInfo} files plus the in-memory {@link TlsKey}.
     *
     * @param settings the settings
     * @return the material
     */
    static TlsMaterial load(final TlsSettings settings) {
        if (settings == null) {
            throw new TlsConfigException("tls settings must not be null: settings=null");
        }
        if (!settings.enabled()) {
            throw new TlsConfigException("tls is not enabled in the settings: enabled=false");
        }
        final Optional<TlsOption> option = settings.option().filter(TlsOption::enabled);
        if (option.isPresent()) {
            return fromOption(option.get());
        }
        final TlsInfo info = settings.info().orElseThrow(() -> new TlsConfigException(
            "tls settings incomplete: missing=tls_info, hint=call setConfStoreTls or set an enabled TlsOption"
                + (settings.option().isPresent() ? ", option=disabled" : "")));
        final TlsKey key = settings.key().orElseThrow(() -> new TlsConfigException(
            "tls settings incomplete: missing=privateKey, hint=call " + KEY_API + ", certFile=" + info.certFile()));
        return fromInfo(info, key);
    }

    private static TlsMaterial fromOption(final TlsOption option) {
        final Path caFile = required(option.caFile(), "caFile");
        final Path certFile = required(option.certFile(), "certFile");
        final Path keyFile = required(option.keyFile(), "keyFile");
        final List<Located> cas = locate(caFile);
        final List<LocatedCrl> crls = new ArrayList<>();
        option.crlFile().ifPresent(f -> crls.addAll(locateCrls(f)));
        final List<X509Certificate> chain = PemFiles.certificates(certFile, "certificate");
        final KeyPassword password = option.keyPasswordFile()
            .map(f -> passwordFrom(f, option.decryptHandler()))
            .orElseGet(() -> KeyPassword.none("passwordFile=none"));
        final byte[] pem = PemFiles.read(keyFile, "key");
        try {
            final String keyOrigin = "file=" + keyFile;
            return new TlsMaterial(certFile, chain, PemFiles.privateKey(pem, keyOrigin, password), keyOrigin, cas,
                crls);
        } finally {
            Arrays.fill(pem, (byte) 0);
            password.destroy();
        }
    }

    private static TlsMaterial fromInfo(final TlsInfo info, final TlsKey key) {
        final List<Located> cas = new ArrayList<>();
        info.caFiles().forEach(f -> cas.addAll(locate(f)));
        final List<LocatedCrl> crls = new ArrayList<>();
        info.crlFiles().forEach(f -> crls.addAll(locateCrls(f)));
        final List<X509Certificate> chain = PemFiles.certificates(info.certFile(), "certificate");
        final byte[] pem = key.privateKeyPem();
        final byte[] cipherText = key.encryptedPassword();
        final KeyPassword password = cipherText.length == 0
            ? KeyPassword.none("password=none")
            : KeyPassword.of(cipherText, key.decryptHandler(), "password=" + KEY_API);
        try {
            final String keyOrigin = "source=" + KEY_API;
            return new TlsMaterial(info.certFile(), chain, PemFiles.privateKey(pem, keyOrigin, password), keyOrigin,
                cas, crls);
        } finally {
            Arrays.fill(pem, (byte) 0);
            Arrays.fill(cipherText, (byte) 0);
            password.destroy();
        }
    }

    private static KeyPassword passwordFrom(final Path passwordFile, final DecryptHandler handler) {
        final byte[] cipherText = PemFiles.read(passwordFile, "keyPassword");
        try {
            return KeyPassword.of(cipherText, handler, "passwordFile=" + passwordFile);
        } finally {
            Arrays.fill(cipherText, (byte) 0);
        }
    }

    private static Path required(final Path value, final String field) {
        if (value == null) {
            throw new TlsConfigException("tls settings incomplete: missing=" + field + ", source=TlsOption");
        }
        return value;
    }

    private static List<Located> locate(final Path caFile) {
        final List<Located> located = new ArrayList<>();
        for (final X509Certificate c : PemFiles.certificates(caFile, "ca")) {
            located.add(new Located(c, caFile));
        }
        return located;
    }

    private static List<LocatedCrl> locateCrls(final Path crlFile) {
        final List<LocatedCrl> located = new ArrayList<>();
        for (final X509CRL crl : PemFiles.crls(crlFile)) {
            located.add(new LocatedCrl(crl, crlFile));
        }
        return located;
    }

    /**
     * This side's certificate file.
     *
     * @return the file
     */
    Path certFile() {
        return certFile;
    }

    /**
     * This side's chain, leaf first.
     *
     * @return at least one certificate
     */
    List<X509Certificate> chain() {
        return chain;
    }

    /**
     * This side's private key.
     *
     * @return the key
     */
    PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Where the key came from, as {@code key=value}.
     *
     * @return the origin
     */
    String keyOrigin() {
        return keyOrigin;
    }

    /**
     * The trusted CA certificates.
     *
     * @return at least one
     */
    List<Located> cas() {
        return cas;
    }

    /**
     * The configured CRLs.
     *
     * @return possibly empty
     */
    List<LocatedCrl> crls() {
        return crls;
    }
}
