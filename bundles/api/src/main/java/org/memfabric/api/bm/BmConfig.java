package org.memfabric.api.bm;

import java.time.Duration;

import org.memfabric.api.Validate;
import org.memfabric.api.tls.TlsOption;

/**
 * Configuration of BM ({@code smem_bm_config_t}, Python {@code BmConfig}). A new instance carries the documented
 * defaults ({@code smem_bm_config_init}); setters validate at once and name the field and value on failure.
 * Mutable; not thread-safe; {@code init} takes a snapshot.
 *
 * <table>
 * <caption>Fields and defaults</caption>
 * <tr><th>Field</th><th>Default</th><th>Limits</th></tr>
 * <tr><td>initTimeout, createTimeout, controlOperationTimeout</td><td>120 s</td><td>1 s ..
 * {@link #TIMEOUT_MAX_SECONDS}</td></tr>
 * <tr><td>startConfigStoreServer</td><td>true</td><td>rank 0 (or the auto-ranking winner) starts the store</td></tr>
 * <tr><td>startConfigStoreOnly</td><td>false</td><td>this process only serves the store</td></tr>
 * <tr><td>dynamicWorldSize</td><td>false</td><td>members may join later than init</td></tr>
 * <tr><td>unifiedAddressSpace</td><td>true</td><td>must be true</td></tr>
 * <tr><td>autoRanking</td><td>false (as documented)</td><td>the store assigns ranks</td></tr>
 * <tr><td>rankId</td><td>{@link #RANK_UNSET} (65535)</td><td>must be below the world size when autoRanking is
 * off</td></tr>
 * <tr><td>flags</td><td>0</td><td>reserved</td></tr>
 * <tr><td>nicUrl</td><td>""</td><td>host transport listen URL ({@code hcomUrl}, Python {@code set_nic})</td></tr>
 * </table>
 */
public final class BmConfig {
    /** Largest timeout in seconds ({@code SMEM_BM_TIMEOUT_MAX}, UINT32_MAX). */
    public static final long TIMEOUT_MAX_SECONDS = 0xFFFF_FFFFL;
    /** The rank id default, meaning "not set". */
    public static final int RANK_UNSET = 65535;

    private Duration initTimeout = Duration.ofSeconds(120);
    private Duration createTimeout = Duration.ofSeconds(120);
    private Duration controlOperationTimeout = Duration.ofSeconds(120);
    private boolean startConfigStoreServer = true;
    private boolean startConfigStoreOnly;
    private boolean dynamicWorldSize;
    private boolean unifiedAddressSpace = true;
    private boolean autoRanking;
    private int rankId = RANK_UNSET;
    private int flags;
    private String nicUrl = "";
    private TlsOption storeTls = new TlsOption();
    private TlsOption hcomTls = new TlsOption();

    /** Creates a configuration with the documented defaults ({@code smem_bm_config_init}). */
    public BmConfig() {
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
    public BmConfig initTimeout(final Duration value) {
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
    public BmConfig createTimeout(final Duration value) {
        this.createTimeout = Validate.timeout("createTimeout", value, TIMEOUT_MAX_SECONDS);
        return this;
    }

    /**
     * Timeout of control operations (barriers, allgathers, join/leave).
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
    public BmConfig controlOperationTimeout(final Duration value) {
        this.controlOperationTimeout = Validate.timeout("controlOperationTimeout", value, TIMEOUT_MAX_SECONDS);
        return this;
    }

    /**
     * Whether rank 0 (or the auto-ranking winner) starts an embedded config store server.
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
    public BmConfig startConfigStoreServer(final boolean value) {
        this.startConfigStoreServer = value;
        return this;
    }

    /**
     * Whether this process only serves the config store.
     *
     * @return the flag
     */
    public boolean startConfigStoreOnly() {
        return startConfigStoreOnly;
    }

    /**
     * Sets whether this process only serves the config store.
     *
     * @param value the flag
     * @return this
     */
    public BmConfig startConfigStoreOnly(final boolean value) {
        this.startConfigStoreOnly = value;
        return this;
    }

    /**
     * Whether members may join after init (dynamic group).
     *
     * @return the flag
     */
    public boolean dynamicWorldSize() {
        return dynamicWorldSize;
    }

    /**
     * Sets whether members may join after init.
     *
     * @param value the flag
     * @return this
     */
    public BmConfig dynamicWorldSize(final boolean value) {
        this.dynamicWorldSize = value;
        return this;
    }

    /**
     * Whether all ranks share one address layout (must be true).
     *
     * @return the flag
     */
    public boolean unifiedAddressSpace() {
        return unifiedAddressSpace;
    }

    /**
     * Sets the unified address space flag; {@code init} rejects false.
     *
     * @param value the flag
     * @return this
     */
    public BmConfig unifiedAddressSpace(final boolean value) {
        this.unifiedAddressSpace = value;
        return this;
    }

    /**
     * Whether the store assigns rank ids.
     *
     * @return the flag
     */
    public boolean autoRanking() {
        return autoRanking;
    }

    /**
     * Sets whether the store assigns rank ids.
     *
     * @param value the flag
     * @return this
     */
    public BmConfig autoRanking(final boolean value) {
        this.autoRanking = value;
        return this;
    }

    /**
     * The rank id used when auto-ranking is off.
     *
     * @return the rank id, or {@link #RANK_UNSET}
     */
    public int rankId() {
        return rankId;
    }

    /**
     * Sets the rank id used when auto-ranking is off.
     *
     * @param value 0..65535; must be below the world size at init
     * @return this
     */
    public BmConfig rankId(final int value) {
        this.rankId = Validate.inRange("rankId", value, 0, RANK_UNSET);
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
    public BmConfig flags(final int value) {
        this.flags = value;
        return this;
    }

    /**
     * The host transport listen URL ({@code hcomUrl}).
     *
     * @return the URL, or an empty string for the default
     */
    public String nicUrl() {
        return nicUrl;
    }

    /**
     * Sets the host transport listen URL ({@code hcomUrl}, Python {@code set_nic}), e.g.
     * {@code tcp://10.0.0.1:10005} or {@code tcp://10.0.0.0/24:10005}.
     *
     * @param value the URL, at most 63 characters
     * @return this
     */
    public BmConfig nicUrl(final String value) {
        Validate.notNull("nicUrl", value);
        Validate.inRange("nicUrl length", value.length(), 0, 63);
        this.nicUrl = value;
        return this;
    }

    /**
     * TLS of the config store link ({@code storeTlsConfig}).
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
    public BmConfig storeTls(final TlsOption value) {
        this.storeTls = Validate.notNull("storeTls", value);
        return this;
    }

    /**
     * TLS of the host data transport ({@code hcomTlsConfig}).
     *
     * @return the option, never null
     */
    public TlsOption hcomTls() {
        return hcomTls;
    }

    /**
     * Sets the TLS of the host data transport.
     *
     * @param value the option
     * @return this
     */
    public BmConfig hcomTls(final TlsOption value) {
        this.hcomTls = Validate.notNull("hcomTls", value);
        return this;
    }

    /**
     * Checks the fields that depend on the world size, as {@code init} does.
     *
     * @param worldSize the world size passed to init
     * @return this
     * @throws org.memfabric.api.InvalidArgumentException naming the field
     */
    public BmConfig validateFor(final int worldSize) {
        Validate.inRange("worldSize", worldSize, 1, 1024);
        Validate.isTrue(unifiedAddressSpace, "unifiedAddressSpace must be true: unifiedAddressSpace=false");
        if (!autoRanking) {
            Validate.isTrue(rankId < worldSize,
                "rankId must be below worldSize when autoRanking is off: rankId=" + rankId + ", worldSize="
                    + worldSize);
        }
        storeTls.validate();
        hcomTls.validate();
        return this;
    }

    /**
     * A copy of this configuration (the TLS options are shared).
     *
     * @return the copy
     */
    public BmConfig copy() {
        final BmConfig c = new BmConfig();
        c.initTimeout = initTimeout;
        c.createTimeout = createTimeout;
        c.controlOperationTimeout = controlOperationTimeout;
        c.startConfigStoreServer = startConfigStoreServer;
        c.startConfigStoreOnly = startConfigStoreOnly;
        c.dynamicWorldSize = dynamicWorldSize;
        c.unifiedAddressSpace = unifiedAddressSpace;
        c.autoRanking = autoRanking;
        c.rankId = rankId;
        c.flags = flags;
        c.nicUrl = nicUrl;
        c.storeTls = storeTls;
        c.hcomTls = hcomTls;
        return c;
    }
}
