/**
 * The transport SPI: what a transport bundle implements so that BM, SHM and TRANS can move bytes between
 * participants without naming a concrete transport.
 *
 * <p>A {@link org.memfabric.transport.spi.Transport} is an OSGi service that reports its
 * {@link org.memfabric.transport.spi.Availability} (with the cause kept from a one-time probe) and opens one
 * {@link org.memfabric.transport.spi.TransportEndpoint} per local participant. An endpoint registers local memory
 * as {@link org.memfabric.transport.spi.RegisteredRegion}s whose exportable
 * {@link org.memfabric.transport.spi.RegionDescriptor}s travel to peers as bytes, and connects to peers named by
 * {@link org.memfabric.transport.spi.PeerDescriptor}s. A {@link org.memfabric.transport.spi.PeerConnection} performs
 * one-sided writes and reads, single, batched and asynchronous; the owner of a region checks every request against
 * what it registered before touching memory.
 *
 * <p>Service properties named in {@link org.memfabric.transport.spi.TransportServiceProperties} let tools such as
 * {@code doctor} list transports and say why one cannot bind without loading any class of this package.
 */
@Export
@Version("1.2.0")
package org.memfabric.transport.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
