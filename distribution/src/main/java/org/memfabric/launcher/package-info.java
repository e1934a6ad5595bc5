/**
 * The MemFabric launcher: a plain Java program (not a bundle) that starts an embedded Felix framework,
 * installs the distribution's {@code bundles/} and runs one subcommand: a built-in one ({@code doctor},
 * {@code version}, {@code shell}, {@code help}) or a tool command that a bundle registers as an
 * {@link org.memfabric.launcher.spi.ToolCommand} service ({@link org.memfabric.launcher.ToolDispatchCommand}; the SPI
 * package is exported from the system bundle through {@code org.osgi.framework.system.packages.extra}).
 *
 * <p>Subcommands are small {@link org.memfabric.launcher.Command} classes registered in one table,
 * {@link org.memfabric.launcher.CommandTable#standard()}. The framework inspection used by {@code doctor}
 * ({@link org.memfabric.launcher.BundleInspector}, {@link org.memfabric.launcher.TransportInspector},
 * {@link org.memfabric.launcher.ModuleServiceInspector}, {@link org.memfabric.launcher.ServiceSettler})
 * works on any {@link org.osgi.framework.BundleContext} and never loads MemFabric classes: it reads service
 * references and their properties only.
 */
package org.memfabric.launcher;
