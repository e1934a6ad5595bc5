package org.memfabric.security.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates, CRLs and private keys with Bouncy Castle's {@link PEMParser} and turns them into JDK
 * objects (the JDK's own certificate factory and key factories, so that SunJSSE works with its native types).
 *
 * <p>Private keys may be PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 with
 * AES as written by Bouncy Castle or {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}), or traditional OpenSSL
 * ({@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}, plain or with a {@code Proc-Type: 4,ENCRYPTED} header).
 * Stateless; all methods are safe from any thread.
 */
final class PemFiles {
    /** Largest file read (a system CA bundle is a few hundred KiB). */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    private PemFiles() {
    }

    /**
     * Reads a whole file after checking it exists, is a regular file, is readable and is not absurdly large.
     *
     * @param file the file
     * @param role what the file is for, named in errors ({@code ca}, {@code certificate}, {@code key}, ...)
     * @return its bytes
     */
    static byte[] read(final Path file, final String role) {
        if (!Files.exists(file)) {
            throw new TlsConfigException("tls file missing: file=" + file + ", role=" + role);
        }
        if (!Files.isRegularFile(file)) {
            throw new TlsConfigException("tls file is not a regular file: file=" + file + ", role=" + role);
        }
        if (!Files.isReadable(file)) {
            throw new TlsConfigException("tls file not readable: file=" + file + ", role=" + role);
        }
        try {
            final long sizeBytes = Files.size(file);
            if (sizeBytes > MAX_FILE_BYTES) {
                throw new TlsConfigException("tls file too large: file=" + file + ", role=" + role + ", sizeBytes="
                    + sizeBytes + ", maxBytes=" + MAX_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new TlsConfigException("tls file could not be read: file=" + file + ", role=" + role + ", cause="
                + e, e);
        }
    }

    /**
     * Reads every certificate of a PEM file, in file order.
     *
     * @param file the file
     * @param role its role, named in errors
     * @return at least one certificate
     */
    static List<X509Certificate> certificates(final Path file, final String role) {
        final String origin = "file=" + file + ", role=" + role;
        final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        final List<X509Certificate> certificates = new ArrayList<>();
        for (final Object object : parse(read(file, role), origin)) {
            final X509CertificateHolder holder;
            if (object instanceof X509CertificateHolder) {
                holder = (X509CertificateHolder) object;
            } else if (object instanceof X509TrustedCertificateBlock) {
                holder = ((X509TrustedCertificateBlock) object).getCertificateHolder();
            } else {
                continue;
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (final CertificateException e) {
                throw new TlsConfigException("tls certificate malformed: " + origin + ", cause=" + e, e);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException("tls file holds no PEM certificate: " + origin);
        }
        return certificates;
    }

    /**
     * Reads every CRL of a PEM file.
     *
     * @param file the file
     * @return at least one CRL
     */
    static List<X509CRL> crls(final Path file) {
        final String origin = "file=" + file + ", role=crl";
        final JcaX509CRLConverter converter = new JcaX509CRLConverter();
        final List<X509CRL> crls = new ArrayList<>();
        for (final Object object : parse(read(file, "crl"), origin)) {
            if (object instanceof X509CRLHolder) {
                try {
                    crls.add(converter.getCRL((X509CRLHolder) object));
                } catch (final CRLException e) {
                    throw new TlsConfigException("tls crl malformed: " + origin + ", cause=" + e, e);
                }
            }
        }
        if (crls.isEmpty()) {
            throw new TlsConfigException("tls file holds no PEM crl: " + origin);
        }
        return crls;
    }

    /**
     * Parses a private key, decrypting it with {@code password} when it is encrypted. The password is asked for only
     * when needed, and the char[] it hands out is zeroed right after use, also on failure.
     *
     * @param pem the PEM text (not modified; the caller zeroes it)
     * @param origin where the key came from, as {@code key=value} (e.g. {@code file=/x/server.key})
     * @param password the key password source
     * @return the JDK private key
     */
    static PrivateKey privateKey(final byte[] pem, final String origin, final KeyPassword password) {
        Object keyObject = null;
        for (final Object object : parse(pem, origin)) {
            if (object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo
                || object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair) {
                if (keyObject != null) {
                    throw new TlsConfigException("tls key file holds more than one private key: " + origin);
                }
                keyObject = object;
            }
        }
        if (keyObject == null) {
            throw new TlsConfigException("tls file holds no PEM private key: " + origin);
        }
        final PrivateKeyInfo info;
        if (keyObject instanceof PrivateKeyInfo) {
            info = (PrivateKeyInfo) keyObject;
        } else if (keyObject instanceof PEMKeyPair) {
            info = ((PEMKeyPair) keyObject).getPrivateKeyInfo();
        } else {
            info = decrypt(keyObject, origin, password);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (final IOException | RuntimeException e) {
            throw new TlsConfigException("tls private key unsupported or malformed: " + origin + ", algorithm="
                + info.getPrivateKeyAlgorithm().getAlgorithm() + ", cause=" + e.getClass().getSimpleName(), e);
        }
    }

    private static PrivateKeyInfo decrypt(final Object encrypted, final String origin, final KeyPassword password) {
        final char[] plain = password.decrypt(origin);
        try {
            if (encrypted instanceof PKCS8EncryptedPrivateKeyInfo) {
                return ((PKCS8EncryptedPrivateKeyInfo) encrypted).decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(plain));
            }
            return ((PEMEncryptedKeyPair) encrypted).decryptKeyPair(
                new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(plain))
                .getPrivateKeyInfo();
        } catch (final Exception e) {
            // Deliberately broad: a wrong password shows up as a padding failure, an ASN.1 parse failure or an
            // unchecked exception from deep inside the provider. The cause's message never contains the password.
            throw new TlsConfigException("tls private key could not be decrypted (wrong password or corrupt key): "
                + origin + ", " + password.origin() + ", cause=" + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(plain, '\0');
        }
    }

    private static List<Object> parse(final byte[] pem, final String origin) {
        final List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(
            new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (final IOException | RuntimeException e) {
            // BC reports bad base64 as an unchecked DecoderException.
            throw new TlsConfigException("tls file is not valid PEM: " + origin + ", cause=" + e.getMessage(), e);
        }
        return objects;
    }
}
