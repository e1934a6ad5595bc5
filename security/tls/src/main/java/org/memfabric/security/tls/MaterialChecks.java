package org.memfabric.security.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.memfabric.security.tls.TlsMaterial.Located;
import org.memfabric.security.tls.TlsMaterial.LocatedCrl;

/**
 * The load-time checks of the original (section 1.13 of the behaviour digest): every certificate inside its
 * validity window, public keys strong enough, this side's certificate not revoked by a configured CRL, and the
 * private key matching the certificate. Stateless; safe from any thread.
 */
final class MaterialChecks {
    /** Smallest accepted RSA (and DSA) key, as in the original. */
    static final int MIN_RSA_BITS = 3072;
    /** Smallest accepted EC key (field size). */
    static final int MIN_EC_BITS = 256;

    private static final String ROLE_CERT = "certificate";
    private static final String ROLE_CHAIN = "chain";
    private static final String ROLE_CA = "ca";

    private MaterialChecks() {
    }

    /**
     * Runs every check, own certificate first, then the CAs, then the CRLs, revocation and the key match.
     *
     * @param m the material
     * @param now the current time
     */
    static void checkAll(final TlsMaterial m, final Instant now) {
        for (int i = 0; i < m.chain().size(); i++) {
            final String role = i == 0 ? ROLE_CERT : ROLE_CHAIN;
            checkValidity(m.chain().get(i), m.certFile(), role, now);
            checkKeyStrength(m.chain().get(i), m.certFile(), role);
        }
        for (final Located ca : m.cas()) {
            checkValidity(ca.certificate(), ca.file(), ROLE_CA, now);
            checkKeyStrength(ca.certificate(), ca.file(), ROLE_CA);
        }
        for (final LocatedCrl crl : m.crls()) {
            checkCrl(crl, m.cas(), now);
        }
        checkNotRevoked(m.chain(), m.certFile(), m.crls());
        checkKeyMatches(m.privateKey(), m.keyOrigin(), m.chain().get(0), m.certFile());
    }

    static void checkValidity(final X509Certificate c, final Path file, final String role, final Instant now) {
        final Instant notAfter = c.getNotAfter().toInstant();
        final Instant notBefore = c.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            throw new TlsConfigException("tls certificate expired: file=" + file + ", role=" + role + ", subject="
                + c.getSubjectX500Principal().getName() + ", notAfter=" + notAfter);
        }
        if (now.isBefore(notBefore)) {
            throw new TlsConfigException("tls certificate not yet valid: file=" + file + ", role=" + role
                + ", subject=" + c.getSubjectX500Principal().getName() + ", notBefore=" + notBefore);
        }
    }

    static void checkKeyStrength(final X509Certificate c, final Path file, final String role) {
        final PublicKey key = c.getPublicKey();
        final int minimumBits;
        final int bits;
        if (key instanceof RSAKey) {
            bits = ((RSAKey) key).getModulus().bitLength();
            minimumBits = MIN_RSA_BITS;
        } else if (key instanceof DSAKey) {
            bits = ((DSAKey) key).getParams().getP().bitLength();
            minimumBits = MIN_RSA_BITS;
        } else if (key instanceof ECKey) {
            bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
            minimumBits = MIN_EC_BITS;
        } else if (key.getAlgorithm().startsWith("Ed")) {
            return; // Ed25519 and Ed448 are at least as strong as P-256.
        } else {
            throw new TlsConfigException("tls key algorithm unsupported: file=" + file + ", role=" + role
                + ", algorithm=" + key.getAlgorithm());
        }
        if (bits < minimumBits) {
            throw new TlsConfigException("tls key too small: file=" + file + ", role=" + role + ", algorithm="
                + key.getAlgorithm() + ", bits=" + bits + ", minimumBits=" + minimumBits);
        }
    }

    /**
     * A CRL must be inside its own validity window (the JDK's revocation checker ignores a stale CRL, which would
     * make every peer of that CA fail with an obscure error; the original only warns). When the CRL's issuer is one
     * of the configured CAs, its signature must verify with that CA's key. A CRL of some other issuer (an
     * intermediate CA) is accepted as is: the peer verification checks it against the path.
     */
    static void checkCrl(final LocatedCrl located, final List<Located> cas, final Instant now) {
        final X509CRL crl = located.crl();
        final Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (now.isBefore(thisUpdate)) {
            throw new TlsConfigException("tls crl not yet valid: file=" + located.file() + ", issuer="
                + crl.getIssuerX500Principal().getName() + ", thisUpdate=" + thisUpdate);
        }
        if (crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())) {
            throw new TlsConfigException("tls crl expired: file=" + located.file() + ", issuer="
                + crl.getIssuerX500Principal().getName() + ", nextUpdate=" + crl.getNextUpdate().toInstant());
        }
        Path issuerFile = null;
        for (final Located ca : cas) {
            if (!ca.certificate().getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                continue;
            }
            try {
                crl.verify(ca.certificate().getPublicKey());
                return;
            } catch (final GeneralSecurityException e) {
                issuerFile = ca.file();
            }
        }
        if (issuerFile != null) {
            throw new TlsConfigException("tls crl signature does not verify with its issuer's ca: file="
                + located.file() + ", issuer=" + crl.getIssuerX500Principal().getName() + ", caFile=" + issuerFile);
        }
    }

    static void checkNotRevoked(final List<X509Certificate> chain, final Path certFile, final List<LocatedCrl> crls) {
        for (int i = 0; i < chain.size(); i++) {
            final X509Certificate c = chain.get(i);
            for (final LocatedCrl located : crls) {
                if (!located.crl().getIssuerX500Principal().equals(c.getIssuerX500Principal())) {
                    continue;
                }
                final X509CRLEntry entry = located.crl().getRevokedCertificate(c);
                if (entry != null) {
                    throw new TlsConfigException("tls certificate revoked: file=" + certFile + ", role="
                        + (i == 0 ? ROLE_CERT : ROLE_CHAIN) + ", subject=" + c.getSubjectX500Principal().getName()
                        + ", serial=" + c.getSerialNumber().toString(16) + ", crl=" + located.file()
                        + ", revokedAt=" + entry.getRevocationDate().toInstant());
                }
            }
        }
    }

    static void checkKeyMatches(final PrivateKey key, final String keyOrigin, final X509Certificate cert,
        final Path certFile) {
        final PublicKey publicKey = cert.getPublicKey();
        final boolean matches;
        if (key instanceof RSAKey && publicKey instanceof RSAPublicKey) {
            final RSAPublicKey rsa = (RSAPublicKey) publicKey;
            matches = ((RSAKey) key).getModulus().equals(rsa.getModulus())
                && (!(key instanceof RSAPrivateCrtKey)
                    || ((RSAPrivateCrtKey) key).getPublicExponent().equals(rsa.getPublicExponent()));
        } else if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            matches = false;
        } else {
            matches = signatureVerifies(key, publicKey, keyOrigin, certFile);
        }
        if (!matches) {
            throw new TlsConfigException("tls private key does not match the certificate: " + keyOrigin
                + ", certFile=" + certFile + ", keyAlgorithm=" + key.getAlgorithm() + ", certKeyAlgorithm="
                + publicKey.getAlgorithm());
        }
    }

    private static boolean signatureVerifies(final PrivateKey key, final PublicKey publicKey, final String keyOrigin,
        final Path certFile) {
        final String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : key.getAlgorithm();
        final byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (final GeneralSecurityException e) {
            throw new TlsConfigException("tls private key could not be checked against the certificate: "
                + keyOrigin + ", certFile=" + certFile + ", algorithm=" + algorithm + ", cause=" + e, e);
        }
    }
}
