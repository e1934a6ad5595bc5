package org.memfabric.transport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.spi.TransportServiceProperties;

class LocalTransportComponentTest {
    private static LocalTransportComponent.Config config(final int asyncThreads) {
        return new LocalTransportComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LocalTransportComponent.Config.class;
            }

            @Override
            public int asyncThreads() {
                return asyncThreads;
            }
        };
    }

    @Test
    void shouldRejectAsyncThreadsOutOfRangeNamingPidAndKey() {
        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> new LocalTransportComponent(config(0)));

        assertEquals("org.memfabric.transport.local: asyncThreads must be 1..64: asyncThreads=0",
            failure.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new LocalTransportComponent(config(65)));
    }

    @Test
    void shouldDeclareTheServicePropertiesThePlainTransportDescribes() {
        try (LocalTransport transport = new LocalTransport()) {
            final Map<String, Object> expected = TransportServiceProperties.of(transport);

            // The @Component property strings are built from these constants; they must agree with the helper.
            assertEquals(expected.get(TransportServiceProperties.NAME), LocalTransport.NAME);
            assertEquals(expected.get(TransportServiceProperties.KINDS), LocalTransport.KINDS);
            assertEquals(expected.get(TransportServiceProperties.PRIORITY), LocalTransport.PRIORITY);
            assertEquals(expected.get(TransportServiceProperties.AVAILABLE), "true");
            assertFalse(expected.containsKey(TransportServiceProperties.UNAVAILABLE_CAUSE));
        }
    }

    @Test
    void shouldCloseEndpointsOpenedThroughItWhenDeactivated() {
        final LocalTransportComponent component = new LocalTransportComponent(config(1));
        final TransportEndpoint endpoint = component.open(EndpointConfig.builder("component-test").build());

        component.deactivate();

        assertFalse(endpoint.isOpen());
        assertThrows(TransportException.class, () -> component.open(EndpointConfig.builder("late").build()));
    }
}
