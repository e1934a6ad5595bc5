package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportEndpoint;
import org.memfabric.transport.spi.TransportServiceProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpTransportComponentTest {
    /** A configuration with the defaults, one value replaced. */
    private static TcpTransportComponent.Config config(final String key, final Object value) {
        return (TcpTransportComponent.Config) Proxy.newProxyInstance(TcpTransportComponentTest.class.getClassLoader(),
            new Class<?>[] {TcpTransportComponent.Config.class}, (proxy, method, args) -> {
                if (method.getName().equals("annotationType")) {
                    return TcpTransportComponent.Config.class;
                }
                if (method.getName().equals(key)) {
                    return value;
                }
                return method.getDefaultValue();
            });
    }

    /** What a fake bundle context saw. */
    private static final class Recorder {
        final List<Object> services = new ArrayList<>();
        final List<Dictionary<String, ?>> properties = new ArrayList<>();
        int unregistrations;

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] == Transport.class) {
                        services.add(args[1]);
                        @SuppressWarnings("unchecked")
                        final Dictionary<String, ?> dictionary = (Dictionary<String, ?>) args[2];
                        properties.add(dictionary);
                        return registration();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        }

        private ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistrations++;
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        }
    }

    @Test
    void shouldRejectOutOfRangeValuesNamingPidAndKey() {
        final Recorder recorder = new Recorder();
        final InvalidArgumentException chunk = assertThrows(InvalidArgumentException.class,
            () -> new TcpTransportComponent(recorder.context(), config("chunkSizeBytes", 12)));
        assertEquals("org.memfabric.transport.tcp: chunkSizeBytes must be 4096..67108864: chunkSizeBytes=12",
            chunk.getMessage());
        assertEquals("org.memfabric.transport.tcp: connectionsPerPeer must be 1..64: connectionsPerPeer=0",
            assertThrows(InvalidArgumentException.class, () -> new TcpTransportComponent(recorder.context(),
                config("connectionsPerPeer", 0))).getMessage());
        assertEquals("org.memfabric.transport.tcp: socketSendBufferBytes must be 0 or 4096..268435456: "
            + "socketSendBufferBytes=100", assertThrows(InvalidArgumentException.class,
                () -> new TcpTransportComponent(recorder.context(), config("socketSendBufferBytes", 100)))
                .getMessage());
        assertThrows(InvalidArgumentException.class,
            () -> new TcpTransportComponent(recorder.context(), config("asyncThreads", 65)));
        assertThrows(InvalidArgumentException.class,
            () -> new TcpTransportComponent(recorder.context(), config("maxChunksInFlight", 0)));
        final InvalidArgumentException host = assertThrows(InvalidArgumentException.class,
            () -> new TcpTransportComponent(recorder.context(), config("bindHost", "no host")));
        assertTrue(host.getMessage().startsWith("org.memfabric.transport.tcp: bindHost must be"), host.getMessage());
        assertTrue(recorder.services.isEmpty(), "nothing is registered when the configuration is bad");
    }

    @Test
    void shouldRegisterTheTransportWithTheServicePropertiesOfTheSpi() {
        final Recorder recorder = new Recorder();
        final TcpTransportComponent component =
            new TcpTransportComponent(recorder.context(), config("chunkSizeBytes", 65536));
        try {
            assertEquals(1, recorder.services.size());
            assertSame(component.transport(), recorder.services.get(0));
            final Dictionary<String, ?> properties = recorder.properties.get(0);
            assertEquals("tcp", properties.get(TransportServiceProperties.NAME));
            assertEquals(TcpTransport.KINDS, properties.get(TransportServiceProperties.KINDS));
            assertEquals(TcpTransport.PRIORITY, properties.get(TransportServiceProperties.PRIORITY));
            assertEquals(100, properties.get(TransportServiceProperties.PRIORITY));
            assertEquals("true", properties.get(TransportServiceProperties.AVAILABLE));
            assertEquals(null, properties.get(TransportServiceProperties.UNAVAILABLE_CAUSE));
            assertEquals(65536, component.transport().settings().chunkSizeBytes());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void shouldWithdrawTheServiceAndCloseEndpointsWhenDeactivated() {
        final Recorder recorder = new Recorder();
        final TcpTransportComponent component = new TcpTransportComponent(recorder.context(), config("none", null));
        final TransportEndpoint endpoint =
            component.transport().open(EndpointConfig.builder("component-test").build());

        component.deactivate();

        assertEquals(1, recorder.unregistrations);
        assertFalse(endpoint.isOpen());
        assertThrows(TransportException.class,
            () -> component.transport().open(EndpointConfig.builder("late").build()));
    }

    @Test
    void shouldMapEveryConfigurationValueToTheSettings() {
        final TcpTransportSettings settings = TcpTransportComponent.settings(config("bindHost", "::1"));
        assertEquals("::1", settings.bindHost());
        assertEquals(TcpTransportSettings.DEFAULT_CHUNK_SIZE_BYTES, settings.chunkSizeBytes());
        assertEquals(TcpTransportSettings.DEFAULT_MAX_CHUNKS_IN_FLIGHT, settings.maxChunksInFlight());
        assertEquals(TcpTransportSettings.DEFAULT_CONNECTIONS_PER_PEER, settings.connectionsPerPeer());
        assertEquals(TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES, settings.socketSendBufferBytes());
        assertEquals(TcpTransportSettings.DEFAULT_SOCKET_BUFFER_BYTES, settings.socketReceiveBufferBytes());
        assertEquals(TcpTransportSettings.DEFAULT_ASYNC_THREADS, settings.asyncThreads());
        assertEquals(0, TcpTransportComponent.settings(config("socketReceiveBufferBytes", 0))
            .socketReceiveBufferBytes());
    }

    @Test
    void shouldKeepTheAvailabilityProbeOutcome() {
        try (TcpTransport first = new TcpTransport(); TcpTransport second = new TcpTransport()) {
            assertTrue(first.availability().isAvailable(), first.availability().toString());
            assertSame(first.availability(), second.availability());
        }
    }
}
