/**
 * BM's engine for other fabric modules: SHM builds its symmetric objects as BM objects with one device slot per rank
 * (see {@link org.memfabric.bm.engine.BmEngine}). Not meant for applications, which use
 * {@code org.memfabric.api.bm.BigMemoryService}.
 */
@Export
@Version("1.0.0")
package org.memfabric.bm.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
