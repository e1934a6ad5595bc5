package org.memfabric.configstore;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code org.memfabric.configstore} (for example {@code etc/org.memfabric.configstore.cfg} in
 * Karaf). {@code server.*} keys start a server in this container, {@code client.*} keys connect a client that is
 * published as a {@link org.memfabric.api.store.ConfigStore} service; {@code tls.*} keys apply to both.
 */
@ObjectClassDefinition(name = "MemFabric config store",
    description = "A config store server and/or client run by the container.")
public @interface StoreConfig {
    /**
     * Where the server listens, e.g. {@code tcp://0.0.0.0:7000}; empty runs no server.
     *
     * @return the url
     */
    @AttributeDefinition(name = "server.listen", required = false)
    String server_listen() default "";

    /**
     * The world size the server expects; 0 takes it from the first ranked client.
     *
     * @return the world size
     */
    @AttributeDefinition(name = "server.worldSize", min = "0", max = "1024")
    int server_worldSize() default 0;

    /**
     * Milliseconds a heartbeating link may stay silent.
     *
     * @return the timeout
     */
    @AttributeDefinition(name = "server.heartbeatTimeoutMs", min = "100")
    long server_heartbeatTimeoutMs() default 10_000;

    /**
     * KEEP or WIPE the data when the last rank leaves.
     *
     * @return the policy name
     */
    @AttributeDefinition(name = "server.lastRankPolicy", description = "KEEP or WIPE")
    String server_lastRankPolicy() default "KEEP";

    /**
     * The server a client connects to; empty connects no client.
     *
     * @return the url
     */
    @AttributeDefinition(name = "client.url", required = false)
    String client_url() default "";

    /**
     * The client's rank, -1 for none.
     *
     * @return the rank
     */
    @AttributeDefinition(name = "client.rank", min = "-1", max = "1023")
    int client_rank() default -1;

    /**
     * The world size the client announces.
     *
     * @return the world size
     */
    @AttributeDefinition(name = "client.worldSize", min = "0", max = "1024")
    int client_worldSize() default 0;

    /**
     * Whether the client asks the server for a rank.
     *
     * @return true to auto-rank
     */
    @AttributeDefinition(name = "client.autoRanking")
    boolean client_autoRanking() default false;

    /**
     * Milliseconds each client request may take.
     *
     * @return the timeout
     */
    @AttributeDefinition(name = "client.requestTimeoutMs", min = "1")
    long client_requestTimeoutMs() default 120_000;

    /**
     * Milliseconds the client keeps dialling at start.
     *
     * @return the timeout
     */
    @AttributeDefinition(name = "client.connectTimeoutMs", min = "1")
    long client_connectTimeoutMs() default 60_000;

    /**
     * Whether links use mutual TLS 1.3.
     *
     * @return true for TLS
     */
    @AttributeDefinition(name = "tls.enabled")
    boolean tls_enabled() default false;

    /**
     * PEM file of the CA that signs every peer.
     *
     * @return the path
     */
    @AttributeDefinition(name = "tls.caFile", required = false)
    String tls_caFile() default "";

    /**
     * PEM certificate of this side.
     *
     * @return the path
     */
    @AttributeDefinition(name = "tls.certFile", required = false)
    String tls_certFile() default "";

    /**
     * PEM private key of this side (PKCS#8, possibly encrypted).
     *
     * @return the path
     */
    @AttributeDefinition(name = "tls.keyFile", required = false)
    String tls_keyFile() default "";

    /**
     * File holding the encrypted key password, decrypted by the chosen handler; empty for an unencrypted key.
     *
     * @return the path
     */
    @AttributeDefinition(name = "tls.keyPasswordFile", required = false)
    String tls_keyPasswordFile() default "";

    /**
     * Optional PEM CRL.
     *
     * @return the path
     */
    @AttributeDefinition(name = "tls.crlFile", required = false)
    String tls_crlFile() default "";

    /**
     * The {@code memfabric.decrypt.name} of the DecryptHandler service that decrypts the key password.
     *
     * @return the handler name
     */
    @AttributeDefinition(name = "tls.decryptHandler")
    String tls_decryptHandler() default "passthrough";
}
