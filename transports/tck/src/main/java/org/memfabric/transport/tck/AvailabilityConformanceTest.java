package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.NotSupportedException;
import org.memfabric.transport.spi.Availability;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.spi.TransportServiceProperties;

/**
 * Availability is reported consistently, with a reason exactly when unavailable, mirrored in the service properties,
 * and an unavailable transport refuses to open endpoints. Runs whether or not the transport works on this host.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AvailabilityConformanceTest {
    private Transport transport;

    /** Creates the test; subclasses supply the transport. */
    protected AvailabilityConformanceTest() {
    }

    /**
     * Builds a new transport under test; called once per test.
     *
     * @return the transport
     */
    protected abstract Transport newTransport();

    /**
     * Disposes of a transport after a test; closes it when it is {@link AutoCloseable}.
     *
     * @param disposed the transport
     * @throws Exception when closing fails
     */
    protected void disposeTransport(final Transport disposed) throws Exception {
        if (disposed instanceof AutoCloseable) {
            ((AutoCloseable) disposed).close();
        }
    }

    /** Builds the transport. */
    @BeforeEach
    protected final void buildTransport() {
        transport = newTransport();
    }

    /**
     * Disposes of the transport.
     *
     * @throws Exception when disposing fails
     */
    @AfterEach
    protected final void dispose() throws Exception {
        disposeTransport(transport);
    }

    /** Same answer on every call: the probe ran once. */
    @Test
    public void shouldReportTheSameAvailabilityOnEveryCall() {
        final Availability first = transport.availability();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, transport.availability());
        }
        final Transport another = newTransport();
        try {
            assertEquals(first.isAvailable(), another.availability().isAvailable());
            assertEquals(first.reason(), another.availability().reason());
        } finally {
            disposeQuietly(another);
        }
    }

    /** A reason exactly when unavailable. */
    @Test
    public void shouldGiveAReasonExactlyWhenUnavailable() {
        final Availability availability = transport.availability();
        if (availability.isAvailable()) {
            assertEquals("", availability.reason());
            assertTrue(availability.cause().isEmpty());
        } else {
            assertFalse(availability.reason().isBlank(), "an unavailable transport must say why");
            assertFalse(availability.reason().contains("\n"), "the reason is one line: " + availability.reason());
        }
    }

    /** A name of 1..64 UTF-8 bytes and at least one kind. */
    @Test
    public void shouldNameItselfAndServeAtLeastOneKind() {
        final int nameBytes = transport.name().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(nameBytes >= 1 && nameBytes <= PeerDescriptor.MAX_TRANSPORT_NAME_BYTES, "name=" + transport.name());
        assertFalse(transport.kinds().isEmpty());
    }

    /** doctor can read everything from the service properties. */
    @Test
    public void shouldMirrorAvailabilityInServiceProperties() {
        final Availability availability = transport.availability();
        final Map<String, Object> properties = TransportServiceProperties.of(transport);

        assertEquals(transport.name(), properties.get(TransportServiceProperties.NAME));
        assertEquals(transport.kinds(),
            TransportServiceProperties.parseKinds((String) properties.get(TransportServiceProperties.KINDS)));
        assertEquals(transport.priority(), properties.get(TransportServiceProperties.PRIORITY));
        assertEquals(Boolean.toString(availability.isAvailable()),
            properties.get(TransportServiceProperties.AVAILABLE));
        if (availability.isAvailable()) {
            assertFalse(properties.containsKey(TransportServiceProperties.UNAVAILABLE_CAUSE));
        } else {
            assertEquals(availability.reason(), properties.get(TransportServiceProperties.UNAVAILABLE_CAUSE));
        }
    }

    /** Unavailable: open fails typed; available: open works and describes the endpoint. */
    @Test
    public void shouldOpenEndpointsExactlyWhenAvailable() {
        final EndpointConfig config = EndpointConfig.builder("tck-availability").build();
        if (!transport.availability().isAvailable()) {
            final NotSupportedException failure =
                assertThrows(NotSupportedException.class, () -> transport.open(config));
            assertTrue(failure.getMessage().contains(transport.name()), failure.getMessage());
            return;
        }
        final TransportEndpoint endpoint = transport.open(config);
        try {
            assertTrue(endpoint.isOpen());
            assertEquals(transport.name(), endpoint.descriptor().transportName());
            assertTrue(transport.kinds().containsAll(endpoint.descriptor().kinds()),
                "endpoint kinds must be served by the transport: " + endpoint.descriptor());
        } finally {
            endpoint.close();
        }
        assertFalse(endpoint.isOpen());
        endpoint.close();
    }

    private void disposeQuietly(final Transport disposed) {
        try {
            disposeTransport(disposed);
        } catch (final Exception e) {
            throw new AssertionError("disposing a transport failed: " + e, e);
        }
    }
}
