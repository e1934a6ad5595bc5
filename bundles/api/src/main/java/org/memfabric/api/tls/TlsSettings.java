package org.memfabric.api.tls;

import java.util.Optional;

/**
 * An immutable snapshot of the process-wide config store TLS settings made through
 * {@code MemFabric.setConfStoreTls}, {@code setConfigStoreTlsKey}, {@code registerDecryptHandler} and
 * {@code setSslOption}. The config store bundle reads it when it opens a TLS link.
 */
public final class TlsSettings {
    /** TLS off, nothing configured. */
    public static final TlsSettings DISABLED = new TlsSettings(false, null, null, DecryptHandler.passThrough(), null);

    private final boolean enabled;
    private final TlsInfo info;
    private final TlsKey key;
    private final DecryptHandler decryptHandler;
    private final TlsOption option;

    /**
     * Creates a snapshot.
     *
     * @param enabled whether TLS is on
     * @param info the parsed tls_info, or null
     * @param key the key material, or null
     * @param decryptHandler the registered handler, never null
     * @param option the path-based option, or null
     */
    public TlsSettings(final boolean enabled, final TlsInfo info, final TlsKey key,
        final DecryptHandler decryptHandler, final TlsOption option) {
        this.enabled = enabled;
        this.info = info;
        this.key = key;
        this.decryptHandler = decryptHandler;
        this.option = option;
    }

    /**
     * Whether TLS is on.
     *
     * @return true when enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The parsed tls_info.
     *
     * @return the info, if set
     */
    public Optional<TlsInfo> info() {
        return Optional.ofNullable(info);
    }

    /**
     * The private key material.
     *
     * @return the key, if set
     */
    public Optional<TlsKey> key() {
        return Optional.ofNullable(key);
    }

    /**
     * The decrypt handler registered last (pass-through by default).
     *
     * @return the handler
     */
    public DecryptHandler decryptHandler() {
        return decryptHandler;
    }

    /**
     * The path-based option of {@code smem_set_ssl_option}.
     *
     * @return the option, if set
     */
    public Optional<TlsOption> option() {
        return Optional.ofNullable(option);
    }
}
