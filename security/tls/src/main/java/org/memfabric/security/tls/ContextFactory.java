package org.memfabric.security.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.memfabric.security.tls.TlsMaterial.Located;
import org.memfabric.security.tls.TlsMaterial.LocatedCrl;

/**
 * Builds the JDK {@link SSLContext} (SunJSSE, TLS 1.3) for checked material: a one-identity key manager and a PKIX
 * trust manager whose only trust anchors are the configured CAs. With CRLs configured, revocation checking covers
 * every non-anchor certificate of the peer's path and uses only those CRLs (no OCSP, no CRL download). Stateless.
 */
final class ContextFactory {
    /** The only protocol. */
    static final String PROTOCOL = "TLSv1.3";

    /**
     * The original's suites in its order; {@code TLS_AES_128_CCM_SHA256} is kept in the list but the JDK does not
     * implement it, so it drops out of {@link #supportedSuites(SSLContext)}.
     */
    static final List<String> ORIGINAL_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256");

    private ContextFactory() {
    }

    static SSLContext build(final TlsMaterial m) {
        try {
            final SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {new SingleKeyManager(m.privateKey(), m.chain())},
                new TrustManager[] {trustManager(m.cas(), m.crls())}, new SecureRandom());
            if (!Arrays.asList(context.getSupportedSSLParameters().getProtocols()).contains(PROTOCOL)) {
                throw new TlsConfigException("tls protocol not supported by the JVM: protocol=" + PROTOCOL
                    + ", provider=" + context.getProvider().getName());
            }
            return context;
        } catch (final GeneralSecurityException e) {
            throw new TlsConfigException("tls context could not be built: protocol=" + PROTOCOL + ", certFile="
                + m.certFile() + ", cause=" + e, e);
        }
    }

    static String[] supportedSuites(final SSLContext context) {
        final List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        final List<String> suites = new ArrayList<>();
        for (final String suite : ORIGINAL_SUITES) {
            if (supported.contains(suite)) {
                suites.add(suite);
            }
        }
        if (suites.isEmpty()) {
            throw new TlsConfigException("tls cipher suites not supported by the JVM: wanted=" + ORIGINAL_SUITES
                + ", provider=" + context.getProvider().getName());
        }
        return suites.toArray(new String[0]);
    }

    private static TrustManager trustManager(final List<Located> cas, final List<LocatedCrl> crls)
        throws GeneralSecurityException {
        final Set<TrustAnchor> anchors = new HashSet<>();
        for (final Located ca : cas) {
            anchors.add(new TrustAnchor(ca.certificate(), null));
        }
        final PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        if (crls.isEmpty()) {
            parameters.setRevocationEnabled(false);
        } else {
            final List<X509CRL> list = new ArrayList<>();
            crls.forEach(c -> list.add(c.crl()));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(list)));
            final PKIXRevocationChecker checker =
                (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
            // CRLs only: never OCSP, never a network fetch. A peer whose issuer has no configured CRL fails, as
            // with OpenSSL's X509_V_FLAG_CRL_CHECK_ALL in the original.
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.addCertPathChecker(checker);
            parameters.setRevocationEnabled(true);
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory.getTrustManagers()[0];
    }
}
