package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.api.shm.ShmDataOpType;

class TransportServicePropertiesTest {
    /** A transport that only answers the questions the properties ask. */
    private static Transport transport(final Availability availability) {
        return new Transport() {
            @Override
            public String name() {
                return "rdma";
            }

            @Override
            public Set<DataOpKind> kinds() {
                return EnumSet.of(DataOpKind.DEVICE_RDMA, DataOpKind.HOST_RDMA);
            }

            @Override
            public int priority() {
                return 50;
            }

            @Override
            public Availability availability() {
                return availability;
            }

            @Override
            public TransportEndpoint open(final EndpointConfig config) {
                availability.ensureAvailable(name());
                throw new IllegalStateException("not used by this test");
            }
        };
    }

    @Test
    void shouldDescribeAnUnavailableTransportWithItsCause() {
        final Map<String, Object> properties =
            TransportServiceProperties.of(transport(Availability.unavailable("no device: devices=0")));

        assertEquals(Map.of(
            "memfabric.transport.name", "rdma",
            "memfabric.transport.kinds", "DEVICE_RDMA,HOST_RDMA",
            "memfabric.transport.priority", 50,
            "memfabric.transport.available", "false",
            "memfabric.transport.unavailable.cause", "no device: devices=0"), properties);
        assertEquals(List.copyOf(properties.keySet()), List.of(TransportServiceProperties.NAME,
            TransportServiceProperties.KINDS, TransportServiceProperties.PRIORITY,
            TransportServiceProperties.AVAILABLE, TransportServiceProperties.UNAVAILABLE_CAUSE));
    }

    @Test
    void shouldLeaveTheCauseOutWhenAvailable() {
        final Map<String, Object> properties = TransportServiceProperties.of(transport(Availability.available()));

        assertEquals("true", properties.get(TransportServiceProperties.AVAILABLE));
        assertFalse(properties.containsKey(TransportServiceProperties.UNAVAILABLE_CAUSE));
        assertEquals(properties.size(), TransportServiceProperties.dictionary(transport(Availability.available()))
            .size());
    }

    @Test
    void shouldParseWhatItFormats() {
        final Set<DataOpKind> all = EnumSet.allOf(DataOpKind.class);

        assertEquals(all, TransportServiceProperties.parseKinds(TransportServiceProperties.formatKinds(all)));
        assertEquals(EnumSet.of(DataOpKind.LOCAL, DataOpKind.HOST_TCP),
            TransportServiceProperties.parseKinds(" LOCAL , HOST_TCP"));
        assertEquals(Set.of(), TransportServiceProperties.parseKinds(""));
    }

    @Test
    void shouldRejectUnknownKindNames() {
        assertThrows(InvalidArgumentException.class, () -> TransportServiceProperties.parseKinds("LOCAL,WARP"));
        assertThrows(InvalidArgumentException.class, () -> TransportServiceProperties.parseKinds("LOCAL,"));
    }

    @Test
    void shouldMapEveryApiDataOpTypeAndRoundTripMasks() {
        for (final BmDataOpType type : BmDataOpType.values()) {
            assertEquals(type.name(), DataOpKind.fromBm(type).name());
        }
        assertEquals(DataOpKind.DEVICE_RDMA, DataOpKind.fromShm(ShmDataOpType.RDMA));
        assertEquals(DataOpKind.MTE, DataOpKind.fromShm(ShmDataOpType.MTE));
        final Set<DataOpKind> all = EnumSet.allOf(DataOpKind.class);
        assertEquals(all, DataOpKind.fromMask(DataOpKind.toMask(all)));
        assertThrows(InvalidArgumentException.class, () -> DataOpKind.fromMask(128));
    }
}
