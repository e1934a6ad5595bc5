/**
 * The service provider interface through which bundles add subcommands to {@code bin/memfabric}:
 * {@link org.memfabric.launcher.spi.ToolCommand}, registered as an OSGi service with the property
 * {@value org.memfabric.launcher.spi.ToolCommand#NAME_PROPERTY}.
 *
 * <p>This package ships in a plain jar on the launcher's class path, not in a bundle; the launcher exports it from the
 * system bundle with {@code org.osgi.framework.system.packages.extra} at version 1.0.0, and bundles import it with the
 * range {@code [1.0,2)}.
 */
@Version("1.0.0")
package org.memfabric.launcher.spi;

import org.osgi.annotation.versioning.Version;
