package org.memfabric.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.spi.TransportServiceProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class ShmTransportComponentTest {
    /** What the fake bundle context saw. */
    private final List<Object> registered = new ArrayList<>();
    private final List<Map<String, Object>> registeredProperties = new ArrayList<>();
    private final List<String> unregistered = new ArrayList<>();

    private static ShmTransportComponent.Config config(final int copyThreads) {
        return config(copyThreads, 0, ShmTransport.DEFAULT_PARALLEL_MIN_BYTES / 1024);
    }

    private static ShmTransportComponent.Config config(final int copyThreads, final int copyLanes,
        final long parallelMinKiB) {
        return new ShmTransportComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ShmTransportComponent.Config.class;
            }

            @Override
            public int copyThreads() {
                return copyThreads;
            }

            @Override
            public int copyLanes() {
                return copyLanes;
            }

            @Override
            public long parallelMinKiB() {
                return parallelMinKiB;
            }
        };
    }

    private BundleContext context() {
        final ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                if ("unregister".equals(method.getName())) {
                    unregistered.add("unregister");
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if ("registerService".equals(method.getName()) && args[0] == Transport.class) {
                    registered.add(args[1]);
                    @SuppressWarnings("unchecked")
                    final Dictionary<String, Object> properties = (Dictionary<String, Object>) args[2];
                    final Map<String, Object> copy = new java.util.HashMap<>();
                    for (final String key : Collections.list(properties.keys())) {
                        copy.put(key, properties.get(key));
                    }
                    registeredProperties.add(copy);
                    return registration;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void shouldRejectCopyThreadsOutOfRangeNamingPidAndKey() {
        final InvalidArgumentException failure =
            assertThrows(InvalidArgumentException.class, () -> new ShmTransportComponent(context(), config(0)));

        assertEquals("org.memfabric.transport.shm: copyThreads must be 1..4: copyThreads=0", failure.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new ShmTransportComponent(context(), config(5)));
        assertTrue(registered.isEmpty());
    }

    @Test
    void shouldRejectCopyLanesAndParallelMinOutOfRangeNamingPidAndKey() {
        final InvalidArgumentException lanes = assertThrows(InvalidArgumentException.class,
            () -> new ShmTransportComponent(context(), config(1, 9, 1024)));
        final InvalidArgumentException min = assertThrows(InvalidArgumentException.class,
            () -> new ShmTransportComponent(context(), config(1, 2, 0)));

        assertEquals("org.memfabric.transport.shm: copyLanes must be 0..8: copyLanes=9", lanes.getMessage());
        assertEquals("org.memfabric.transport.shm: parallelMinKiB must be at least 1: parallelMinKiB=0",
            min.getMessage());
        assertTrue(registered.isEmpty());
    }

    @Test
    void shouldBuildTheTransportWithTheConfiguredLanesAndPublishThem() {
        final ShmTransportComponent component = new ShmTransportComponent(context(), config(1, 3, 256));
        try {
            assertEquals(3, component.transport().copyLanes());
            assertEquals(256 * 1024L, component.transport().parallelMinBytes());
            assertEquals(3, registeredProperties.get(0).get(ShmTransportComponent.COPY_LANES));
            assertEquals(256 * 1024L, registeredProperties.get(0).get(ShmTransportComponent.PARALLEL_MIN_BYTES));
        } finally {
            component.deactivate();
        }
    }

    @Test
    void shouldRegisterTheTransportWithTheServicePropertiesItDescribes() {
        final ShmTransportComponent component = new ShmTransportComponent(context(), config(1));
        try {
            assertEquals(1, registered.size());
            assertSame(component.transport(), registered.get(0));
            final Map<String, Object> properties = registeredProperties.get(0);
            final Map<String, Object> expected = new java.util.HashMap<>(TransportServiceProperties.of(component.transport()));
            expected.put(ShmTransportComponent.COPY_LANES, ShmTransport.DEFAULT_COPY_LANES);
            expected.put(ShmTransportComponent.PARALLEL_MIN_BYTES, ShmTransport.DEFAULT_PARALLEL_MIN_BYTES);
            assertEquals(expected, properties);
            assertEquals(ShmTransport.NAME, properties.get(TransportServiceProperties.NAME));
            assertEquals(ShmTransport.KINDS, properties.get(TransportServiceProperties.KINDS));
            assertEquals(ShmTransport.PRIORITY, properties.get(TransportServiceProperties.PRIORITY));
            assertEquals("true", properties.get(TransportServiceProperties.AVAILABLE));
            assertFalse(properties.containsKey(TransportServiceProperties.UNAVAILABLE_CAUSE));
        } finally {
            component.deactivate();
        }
    }

    @Test
    void shouldUnregisterAndCloseEndpointsOpenedThroughItWhenDeactivated() {
        final ShmTransportComponent component = new ShmTransportComponent(context(), config(2));
        final TransportEndpoint endpoint =
            component.transport().open(EndpointConfig.builder("component-test").build());

        component.deactivate();

        assertEquals(List.of("unregister"), unregistered);
        assertFalse(endpoint.isOpen());
        assertThrows(TransportException.class,
            () -> component.transport().open(EndpointConfig.builder("late").build()));
    }
}
