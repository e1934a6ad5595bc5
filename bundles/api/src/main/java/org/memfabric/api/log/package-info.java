/**
 * Logging of the C API ({@code smem_set_log_level}, {@code smem_set_extern_logger}): levels 0..3, a user hook and
 * a default line format. See {@link org.memfabric.api.log.FabricLog}.
 */
@Export
@Version("1.0.0")
package org.memfabric.api.log;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
