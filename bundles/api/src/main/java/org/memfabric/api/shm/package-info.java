/**
 * SHM: symmetric memory (one equal slot per rank) with store-based barrier, allgather, extra context,
 * reachability, exit handling and an atomic number allocator. Entry point:
 * {@link org.memfabric.api.shm.ShareMemoryService}.
 */
@Export
@Version("1.1.0")
package org.memfabric.api.shm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
