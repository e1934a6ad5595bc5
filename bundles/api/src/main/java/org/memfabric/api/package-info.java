/**
 * The common part of the MemFabric API: the {@link org.memfabric.api.MemFabric} facade (init, logging, last error,
 * TLS, config store creation, module entry points), the {@link org.memfabric.api.ErrorCode}s of the original and
 * the exception hierarchy rooted at {@link org.memfabric.api.MemFabricException}.
 */
@Export
@Version("1.2.0")
package org.memfabric.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
