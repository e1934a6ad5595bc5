package org.memfabric.security.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with exactly one identity: this side's key and chain. It offers the identity whenever the key type
 * the handshake asks for matches the key, and ignores the peer's list of accepted issuers, so that a peer that does
 * not trust our CA rejects us with a clear verification failure instead of us silently sending no certificate.
 * Immutable; called by SunJSSE from any handshaking thread.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "memfabric";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(final PrivateKey key, final List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
    }

    private String aliasFor(final String keyType) {
        return keyType != null && keyType.equalsIgnoreCase(key.getAlgorithm()) ? ALIAS : null;
    }

    private String aliasFor(final String[] keyTypes) {
        if (keyTypes != null) {
            for (final String keyType : keyTypes) {
                if (aliasFor(keyType) != null) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    private String[] aliases(final String keyType) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineClientAlias(final String[] keyType, final Principal[] issuers, final SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(final String keyType, final Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(final String keyType, final Principal[] issuers, final SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(final String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(final String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
