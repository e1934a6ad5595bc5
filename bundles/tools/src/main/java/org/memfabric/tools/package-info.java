/**
 * The command-line tools of {@code bin/memfabric} that need MemFabric services, each a DS component registering an
 * {@link org.memfabric.launcher.spi.ToolCommand} service named by its
 * {@value org.memfabric.launcher.spi.ToolCommand#NAME_PROPERTY} property: {@code store}, {@code store-cli},
 * {@code tls} and {@code bench}. The components are thin adapters over the plain classes of the sub-packages,
 * which tests build with {@code new}. Not exported.
 */
package org.memfabric.tools;
