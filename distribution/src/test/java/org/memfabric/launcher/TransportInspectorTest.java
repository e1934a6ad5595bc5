package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportInspectorTest {

    @RegisterExtension
    final RunningFrameworkExtension felix = new RunningFrameworkExtension();

    @Test
    void shouldListNoTransportWhenNoneIsRegistered() {
        assertEquals(List.of(), TransportInspector.inspect(felix.context()));
    }

    @Test
    void shouldReadEveryTransportFromItsServicePropertiesSortedByName() {
        FakeServices.register(felix.context(), TransportInspector.TRANSPORT_CLASS, Map.of(
                TransportInspector.NAME, "rdma",
                TransportInspector.KINDS, new String[] {"device", "host"},
                TransportInspector.AVAILABLE, Boolean.FALSE,
                TransportInspector.UNAVAILABLE_CAUSE, "native library missing: name=libfakerdma.so"));
        FakeServices.register(felix.context(), TransportInspector.TRANSPORT_CLASS, Map.of(
                TransportInspector.NAME, "local",
                TransportInspector.KINDS, List.of("host"),
                TransportInspector.AVAILABLE, "true"));

        List<TransportReport> transports = TransportInspector.inspect(felix.context());

        assertEquals(2, transports.size());
        TransportReport local = transports.get(0);
        assertEquals("local", local.name());
        assertEquals(List.of("host"), local.kinds());
        assertEquals(TransportReport.Availability.AVAILABLE, local.availability());
        assertEquals(Optional.empty(), local.unavailableCause());
        assertEquals("org.apache.felix.framework [0]", local.provider());
        TransportReport rdma = transports.get(1);
        assertEquals("rdma", rdma.name());
        assertEquals(List.of("device", "host"), rdma.kinds());
        assertEquals(TransportReport.Availability.UNAVAILABLE, rdma.availability());
        assertEquals(Optional.of("native library missing: name=libfakerdma.so"), rdma.unavailableCause());
    }

    @Test
    void shouldMarkAvailabilityUnknownWhenThePropertyIsMissingOrNotBoolean() {
        FakeServices.register(felix.context(), TransportInspector.TRANSPORT_CLASS, Map.of(
                TransportInspector.KINDS, "host, device"));

        TransportReport transport = TransportInspector.inspect(felix.context()).get(0);

        assertEquals("<unnamed>", transport.name());
        assertEquals(List.of("host", "device"), transport.kinds());
        assertEquals(TransportReport.Availability.UNKNOWN, transport.availability());
        assertEquals(TransportReport.Availability.UNKNOWN, TransportInspector.availability("yes"));
    }

    @Test
    void shouldIgnoreServicesOfOtherClasses() {
        FakeServices.register(felix.context(), "org.memfabric.transport.spi.TransportFactory",
                Map.of(TransportInspector.NAME, "impostor"));

        assertTrue(TransportInspector.inspect(felix.context()).isEmpty());
    }
}
