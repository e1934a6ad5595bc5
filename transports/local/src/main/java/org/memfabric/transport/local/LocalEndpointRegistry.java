package org.memfabric.transport.local;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.memfabric.api.DuplicateObjectException;
import org.memfabric.transport.spi.EndpointAddress;

/**
 * The open local endpoints of this JVM (of this class loader, in OSGi: of this bundle), keyed by address. Any thread
 * adds, finds and removes; a peer is reachable exactly while its endpoint is in here.
 */
final class LocalEndpointRegistry {
    private static final LocalEndpointRegistry JVM_WIDE = new LocalEndpointRegistry();

    private final ConcurrentMap<EndpointAddress, LocalEndpoint> endpoints = new ConcurrentHashMap<>();

    /** The registry shared by every {@link LocalTransport} of this class loader. */
    static LocalEndpointRegistry jvmWide() {
        return JVM_WIDE;
    }

    void add(final LocalEndpoint endpoint) {
        final LocalEndpoint previous = endpoints.putIfAbsent(endpoint.address(), endpoint);
        if (previous != null) {
            throw new DuplicateObjectException("local endpoint address already in use: transport="
                + LocalTransport.NAME + ", address=" + endpoint.address());
        }
    }

    /** The open endpoint with this address, or null. */
    LocalEndpoint find(final EndpointAddress address) {
        return endpoints.get(address);
    }

    void remove(final LocalEndpoint endpoint) {
        endpoints.remove(endpoint.address(), endpoint);
    }
}
