package org.memfabric.transport.spi;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connection whose peer's registered memory is mapped into this process (a same-host transport): besides
 * one-sided copies it hands out direct buffer views for load/store access ("MTE-style"). Optional capability:
 * callers test with {@code instanceof}.
 *
 * <p>A view is checked once, when it is made: the region must be registered and the range inside it. Later loads
 * and stores go straight to the peer's memory and are not checked again; after the owner deregisters the region or
 * closes, the mapping stays valid in this process (no crash) but the owner no longer looks at those bytes.
 * Thread-safe.
 */
@ConsumerType
public interface DirectViewConnection extends PeerConnection {
    /**
     * A direct buffer over {@code [remoteOffset, remoteOffset + sizeBytes)} of a peer's region: position 0, limit
     * and capacity {@code sizeBytes}; stores are visible to the owner and to other viewers at once.
     *
     * @param remote the region
     * @param remoteOffset the offset inside the region
     * @param sizeBytes the view's size, positive
     * @return the view
     * @throws org.memfabric.api.InvalidArgumentException when the range lies outside the descriptor
     * @throws RegionAccessException when the owner no longer has the region registered, or never had it
     * @throws org.memfabric.api.TransportException when the connection or the peer is closed
     */
    ByteBuffer directView(RegionDescriptor remote, long remoteOffset, int sizeBytes);
}
