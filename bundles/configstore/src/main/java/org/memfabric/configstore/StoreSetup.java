package org.memfabric.configstore;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.store.LastRankPolicy;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

/** Turns a {@link StoreConfig} into server and client options. Stateless. */
final class StoreSetup {
    private StoreSetup() {
    }

    static StoreServerOptions serverOptions(final StoreConfig c, final Map<String, DecryptHandler> handlers) {
        final LastRankPolicy policy;
        try {
            policy = LastRankPolicy.valueOf(c.server_lastRankPolicy().trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidArgumentException("server.lastRankPolicy must be KEEP or WIPE: server.lastRankPolicy="
                + c.server_lastRankPolicy(), e);
        }
        return new StoreServerOptions().worldSize(c.server_worldSize())
            .heartbeatTimeout(Duration.ofMillis(c.server_heartbeatTimeoutMs())).lastRankPolicy(policy)
            .tls(tls(c, handlers));
    }

    static StoreClientOptions clientOptions(final StoreConfig c, final Map<String, DecryptHandler> handlers) {
        return new StoreClientOptions().rank(c.client_rank()).worldSize(c.client_worldSize())
            .autoRanking(c.client_autoRanking()).requestTimeout(Duration.ofMillis(c.client_requestTimeoutMs()))
            .connectTimeout(Duration.ofMillis(c.client_connectTimeoutMs())).tls(tls(c, handlers));
    }

    static TlsSettings tls(final StoreConfig c, final Map<String, DecryptHandler> handlers) {
        if (!c.tls_enabled()) {
            return TlsSettings.DISABLED;
        }
        final DecryptHandler handler = handlers.get(c.tls_decryptHandler());
        if (handler == null) {
            throw new InvalidArgumentException("tls.decryptHandler names no registered DecryptHandler service: "
                + "tls.decryptHandler=" + c.tls_decryptHandler() + ", available=" + handlers.keySet());
        }
        final TlsOption option = new TlsOption().enabled(true).caFile(Paths.get(required("tls.caFile", c.tls_caFile())))
            .certFile(Paths.get(required("tls.certFile", c.tls_certFile())))
            .keyFile(Paths.get(required("tls.keyFile", c.tls_keyFile()))).decryptHandler(handler);
        if (!c.tls_keyPasswordFile().isBlank()) {
            option.keyPasswordFile(Paths.get(c.tls_keyPasswordFile().trim()));
        }
        if (!c.tls_crlFile().isBlank()) {
            option.crlFile(Paths.get(c.tls_crlFile().trim()));
        }
        return new TlsSettings(true, null, null, handler, option.validate());
    }

    private static String required(final String name, final String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException("TLS is enabled but " + name + " is empty: " + name + "=\"\"");
        }
        return value.trim();
    }
}
