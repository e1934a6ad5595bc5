package org.memfabric.security.tls;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this bundle hands to BC builders explicitly. It is never installed with
 * {@code Security.addProvider}, so the JVM-wide provider list stays as the host application set it. Loaded on first
 * use (building the provider takes a noticeable fraction of a second).
 */
final class BouncyCastle {
    /** The provider; {@link Provider} instances are thread-safe. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
