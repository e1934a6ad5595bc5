/**
 * The transport conformance kit: abstract JUnit 5 tests that every transport subclasses (one subclass, or one
 * {@code @Nested} inner class, per test class), supplying its {@link org.memfabric.transport.spi.Transport} through
 * {@code newTransport()}. Tests that need a working transport skip with the transport's unavailability reason
 * where it cannot work on this host.
 */
package org.memfabric.transport.tck;
