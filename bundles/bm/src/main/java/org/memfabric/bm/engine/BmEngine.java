package org.memfabric.bm.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.Validate;
import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.bm.ObjectFactory;
import org.memfabric.memory.DeviceMemoryProvider;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Opens BM objects for other modules without going through {@code BigMemoryService}'s process-wide rank: the caller
 * names the store namespace, its rank, the world size of the GVA layout and the slot sizes. The object comes back
 * created and not joined; {@link BigMemory#join(int)} publishes it and imports the other members, exactly as for
 * BM's own objects (copies, routes, hot swap and rank-down handling are BM's). Stateless and thread-safe.
 */
public final class BmEngine {
    private BmEngine() {
    }

    /**
     * Allocates this rank's pools, opens endpoints on every transport of the catalog that the kinds allow, and
     * returns the object (not joined).
     *
     * @param spec what to open
     * @return the object; closing it releases the pools and endpoints
     */
    public static BigMemory open(final Spec spec) {
        Validate.notNull("spec", spec).check();
        return ObjectFactory.open(spec.id, spec.label, spec.store, spec.rank, spec.worldSize, spec.hostSlotBytes,
            spec.deviceSlotBytes, spec.kinds, spec.endpointConfig, spec.catalog, spec.devices, spec.controlTimeout,
            spec.onClose);
    }

    /**
     * The endpoint configuration BM itself uses: tcp listens on the NIC that {@code nicUrl} selects (port + rank for
     * a fixed port) and advertises a concrete address for a wildcard one.
     *
     * @param name the endpoint name (logs)
     * @param rank this rank
     * @param nicUrl {@code tcp://<ip or cidr>:<port>}, as {@code BmConfig.nicUrl}
     * @param operationTimeoutMs the bound of one data operation
     * @return the configuration
     */
    public static EndpointConfig endpointConfig(final String name, final int rank, final String nicUrl,
        final long operationTimeoutMs) {
        return ObjectFactory.endpointConfig(name, rank, nicUrl, operationTimeoutMs);
    }

    /** What {@link #open} builds; every field is required unless it says otherwise. Not thread-safe. */
    public static final class Spec {
        private int id;
        private String label;
        private ConfigStore store;
        private int rank;
        private int worldSize;
        private long hostSlotBytes;
        private long deviceSlotBytes;
        private Set<DataOpKind> kinds = EnumSet.allOf(DataOpKind.class);
        private EndpointConfig endpointConfig;
        private TransportCatalog catalog;
        private DeviceMemoryProvider devices;
        private Duration controlTimeout = Duration.ofSeconds(120);
        private Runnable onClose = () -> { };

        /**
         * The object id (logs and the BM API's {@code id()}).
         *
         * @param value 0..254
         * @return this
         */
        public Spec id(final int value) {
            this.id = Validate.inRange("id", value, 0, 254);
            return this;
        }

        /**
         * The label of this rank's memory segments (visible in {@code /proc/<pid>/maps}).
         *
         * @param value a short name without '/'
         * @return this
         */
        public Spec label(final String value) {
            this.label = Validate.notEmpty("label", value);
            return this;
        }

        /**
         * The store namespace of this object, already prefixed and shared by all its ranks.
         *
         * @param value the prefixed store
         * @return this
         */
        public Spec store(final ConfigStore value) {
            this.store = Validate.notNull("store", value);
            return this;
        }

        /**
         * This rank and the world size of the GVA layout.
         *
         * @param rankId 0..worldSize-1
         * @param size 1..1024
         * @return this
         */
        public Spec rank(final int rankId, final int size) {
            this.worldSize = Validate.inRange("worldSize", size, 1, 1024);
            this.rank = Validate.inRange("rank", rankId, 0, size - 1);
            return this;
        }

        /**
         * Slot sizes, equal on every rank; each rank contributes exactly its slot.
         *
         * @param host host (DRAM) bytes per rank, a multiple of 2 MiB, may be 0
         * @param device device (HBM) bytes per rank, a multiple of 2 MiB, may be 0
         * @return this
         */
        public Spec slots(final long host, final long device) {
            Validate.sizeMultipleOf2MiB("hostSlotBytes", host, 2L << 40);
            Validate.sizeMultipleOf2MiB("deviceSlotBytes", device, 64L << 30);
            Validate.isTrue(host > 0 || device > 0, "slots must not both be 0: hostSlotBytes=0, deviceSlotBytes=0");
            this.hostSlotBytes = host;
            this.deviceSlotBytes = device;
            return this;
        }

        /**
         * The transport kinds allowed (default: all).
         *
         * @param value non-empty
         * @return this
         */
        public Spec kinds(final Set<DataOpKind> value) {
            Validate.isTrue(value != null && !value.isEmpty(), "kinds must not be empty: kinds=" + value);
            this.kinds = EnumSet.copyOf(value);
            return this;
        }

        /**
         * The endpoint configuration given to every transport.
         *
         * @param value the configuration
         * @return this
         */
        public Spec endpointConfig(final EndpointConfig value) {
            this.endpointConfig = Validate.notNull("endpointConfig", value);
            return this;
        }

        /**
         * The transports, as they come and go.
         *
         * @param value the catalog
         * @return this
         */
        public Spec catalog(final TransportCatalog value) {
            this.catalog = Validate.notNull("catalog", value);
            return this;
        }

        /**
         * Where device memory comes from.
         *
         * @param value the provider
         * @return this
         */
        public Spec devices(final DeviceMemoryProvider value) {
            this.devices = Validate.notNull("devices", value);
            return this;
        }

        /**
         * The bound of every control step (join, leave, imports); default 120 s.
         *
         * @param value positive
         * @return this
         */
        public Spec controlTimeout(final Duration value) {
            Validate.isTrue(value != null && !value.isNegative() && !value.isZero(),
                "controlTimeout must be positive: controlTimeout=" + value);
            this.controlTimeout = value;
            return this;
        }

        /**
         * Run once when the object closes (optional).
         *
         * @param value the callback
         * @return this
         */
        public Spec onClose(final Runnable value) {
            this.onClose = Validate.notNull("onClose", value);
            return this;
        }

        private void check() {
            Validate.notEmpty("label", label);
            Validate.notNull("store", store);
            Validate.notNull("endpointConfig", endpointConfig);
            Validate.notNull("catalog", catalog);
            Validate.notNull("devices", devices);
            Validate.isTrue(worldSize > 0, "rank and worldSize must be set: worldSize=0");
            Validate.isTrue(hostSlotBytes > 0 || deviceSlotBytes > 0, "slots must be set: hostSlotBytes=0, "
                + "deviceSlotBytes=0");
        }
    }
}
