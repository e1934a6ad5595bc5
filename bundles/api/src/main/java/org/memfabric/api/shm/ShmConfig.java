package org.memfabric.api.shm;

import java.time.Duration;

import org.memfabric.api.Validate;
import org.memfabric.api.tls.TlsOption;

/**
 * Configuration of SHM ({@code smem_shm_config_t}, Python {@code ShmConfig}). A new instance carries the documented
 * defaults ({@code smem_shm_config_init}): every timeout 120 s (1 s .. {@link #TIMEOUT_MAX_SECONDS}),
 * startConfigStoreServer true, flags 0, nicUrl empty (loopback). Mutable; not thread-safe; {@code init} takes a snapshot.
 */
public final class ShmConfig {
    /** Largest timeout in seconds (UINT32_MAX). */
    public static final long TIMEOUT_MAX_SECONDS = 0xFFFF_FFFFL;

    private Duration initTimeout = Duration.ofSeconds(120);
    private Duration createTimeout = Duration.ofSeconds(120);
    private Duration controlOperationTimeout = Duration.ofSeconds(120);
    private boolean startConfigStoreServer = true;
    private int flags;
    private String nicUrl = "";
    private TlsOption storeTls = new TlsOption();

    /** Creates a configuration with the documented defaults ({@code smem_shm_config_init}). */
    public ShmConfig() {
        // defaults are in the field initialisers
    }

    /**
     * Timeout of {@code init}.
     *
     * @return the timeout
     */
    public Duration initTimeout() {
        return initTimeout;
    }

    /**
     * Sets the timeout of {@code init}.
     *
     * @param value 1 s .. {@link #TIMEOUT_MAX_SECONDS}
     * @return this
     */
    public ShmConfig initTimeout(final Duration value) {
        this.initTimeout = Validate.timeout("initTimeout", value, TIMEOUT_MAX_SECONDS);
        return this;
    }

    /**
     * Timeout of {@code create}.
     *
     * @return the timeout
     */
    public Duration createTimeout() {
        return createTimeout;
    }

    /**
     * Sets the timeout of {@code create}.
     *
     * @param value 1 s .. {@link #TIMEOUT_MAX_SECONDS}
     * @return this
     */
    public ShmConfig createTimeout(final Duration value) {
        this.createTimeout = Validate.timeout("createTimeout", value, TIMEOUT_MAX_SECONDS);
        return this;
    }

    /**
     * Timeout of barriers, allgathers and other control operations.
     *
     * @return the timeout
     */
    public Duration controlOperationTimeout() {
        return controlOperationTimeout;
    }

    /**
     * Sets the timeout of control operations.
     *
     * @param value 1 s .. {@link #TIMEOUT_MAX_SECONDS}
     * @return this
     */
    public ShmConfig controlOperationTimeout(final Duration value) {
        this.controlOperationTimeout = Validate.timeout("controlOperationTimeout", value, TIMEOUT_MAX_SECONDS);
        return this;
    }

    /**
     * Whether rank 0 starts an embedded config store server.
     *
     * @return the flag
     */
    public boolean startConfigStoreServer() {
        return startConfigStoreServer;
    }

    /**
     * Sets whether rank 0 starts an embedded config store server.
     *
     * @param value the flag
     * @return this
     */
    public ShmConfig startConfigStoreServer(final boolean value) {
        this.startConfigStoreServer = value;
        return this;
    }

    /**
     * Reserved flags.
     *
     * @return the flags
     */
    public int flags() {
        return flags;
    }

    /**
     * Sets reserved flags.
     *
     * @param value the flags
     * @return this
     */
    public ShmConfig flags(final int value) {
        this.flags = value;
        return this;
    }

    /**
     * The listen URL of the host network transport that carries copies to ranks on other hosts (a Java extension:
     * the original reaches them by device RDMA).
     *
     * @return the URL; empty means loopback and an ephemeral port
     * @since 1.1
     */
    public String nicUrl() {
        return nicUrl;
    }

    /**
     * Sets the listen URL of the host network transport: {@code tcp://a.b.c.d:port}, {@code tcp://[v6]:port} or
     * {@code tcp://a.b.c.d/mask:port} (the local address inside that subnet); every rank listens on
     * {@code port + rank}, as with {@code BmConfig.nicUrl}. Checked by {@code init}.
     *
     * @param value the URL, at most 63 characters; empty means loopback and an ephemeral port
     * @return this
     * @since 1.1
     */
    public ShmConfig nicUrl(final String value) {
        Validate.notNull("nicUrl", value);
        Validate.inRange("nicUrl length", value.length(), 0, 63);
        this.nicUrl = value;
        return this;
    }

    /**
     * TLS of the config store link.
     *
     * @return the option, never null
     */
    public TlsOption storeTls() {
        return storeTls;
    }

    /**
     * Sets the TLS of the config store link.
     *
     * @param value the option
     * @return this
     */
    public ShmConfig storeTls(final TlsOption value) {
        this.storeTls = Validate.notNull("storeTls", value);
        return this;
    }
}
