package org.memfabric.api.trans;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;
import org.memfabric.api.bm.BmDataOpType;

/**
 * Configuration of TRANS ({@code smem_trans_config_t}). Defaults ({@code smem_trans_config_init}): role
 * {@link TransRole#BOTH}, initTimeout 120 s, deviceId -1 (none), flags 0, dataOpTypes {SDMA, HOST_TCP},
 * startConfigServer false, operationTimeout 30 s. Mutable; not thread-safe.
 */
public final class TransConfig {
    /** Device id meaning "no device" ({@code UINT32_MAX} in C). */
    public static final int NO_DEVICE = -1;

    private TransRole role = TransRole.BOTH;
    private Duration initTimeout = Duration.ofSeconds(120);
    private Duration operationTimeout = Duration.ofSeconds(30);
    private int deviceId = NO_DEVICE;
    private int flags;
    private Set<BmDataOpType> dataOpTypes = EnumSet.of(BmDataOpType.SDMA, BmDataOpType.HOST_TCP);
    private boolean startConfigServer;

    /** Creates a configuration with the defaults ({@code smem_trans_config_init}). */
    public TransConfig() {
        // defaults are in the field initialisers
    }

    /**
     * The role.
     *
     * @return the role
     */
    public TransRole role() {
        return role;
    }

    /**
     * Sets the role.
     *
     * @param value the role
     * @return this
     */
    public TransConfig role(final TransRole value) {
        this.role = Validate.notNull("role", value);
        return this;
    }

    /**
     * How long init and create wait for the store.
     *
     * @return the timeout
     */
    public Duration initTimeout() {
        return initTimeout;
    }

    /**
     * Sets how long init and create wait for the store.
     *
     * @param value at least 1 s
     * @return this
     */
    public TransConfig initTimeout(final Duration value) {
        this.initTimeout = Validate.timeout("initTimeout", value, 0xFFFF_FFFFL);
        return this;
    }

    /**
     * Deadline of each read or write, after which it fails with a timeout.
     *
     * @return the timeout
     */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /**
     * Sets the deadline of each read or write.
     *
     * @param value at least 1 s
     * @return this
     */
    public TransConfig operationTimeout(final Duration value) {
        this.operationTimeout = Validate.timeout("operationTimeout", value, 0xFFFF_FFFFL);
        return this;
    }

    /**
     * The device id.
     *
     * @return the id, or {@link #NO_DEVICE}
     */
    public int deviceId() {
        return deviceId;
    }

    /**
     * Sets the device id.
     *
     * @param value a device id, or {@link #NO_DEVICE}
     * @return this
     */
    public TransConfig deviceId(final int value) {
        this.deviceId = Validate.inRange("deviceId", value, NO_DEVICE, Integer.MAX_VALUE);
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
    public TransConfig flags(final int value) {
        this.flags = value;
        return this;
    }

    /**
     * The engines allowed to move data.
     *
     * @return a copy of the set
     */
    public Set<BmDataOpType> dataOpTypes() {
        return EnumSet.copyOf(dataOpTypes);
    }

    /**
     * Sets the engines allowed to move data.
     *
     * @param value a non-empty set
     * @return this
     */
    public TransConfig dataOpTypes(final Set<BmDataOpType> value) {
        Validate.isTrue(value != null && !value.isEmpty(), "dataOpTypes must not be empty: dataOpTypes=" + value);
        this.dataOpTypes = EnumSet.copyOf(value);
        return this;
    }

    /**
     * Whether {@code create} starts the config store server when the store URL is a local address.
     *
     * @return the flag
     */
    public boolean startConfigServer() {
        return startConfigServer;
    }

    /**
     * Sets whether {@code create} starts the config store server.
     *
     * @param value the flag
     * @return this
     */
    public TransConfig startConfigServer(final boolean value) {
        this.startConfigServer = value;
        return this;
    }
}
