/**
 * The in-process transport: endpoints of one JVM reach each other through a JVM-wide registry keyed by endpoint
 * address, and one-sided operations are {@link java.nio.ByteBuffer} copies checked by the owner. It is the
 * reference implementation of the transport SPI and passes the whole TCK. Not exported: users reach it as a
 * {@code Transport} service, or build {@link org.memfabric.transport.local.LocalTransport} with {@code new}.
 */
package org.memfabric.transport.local;
