/**
 * BM ("big memory"): each rank contributes host (DRAM) and device (HBM) memory to a global virtual address space;
 * one-sided copies in every direction. Entry point: {@link org.memfabric.api.bm.BigMemoryService}.
 */
@Export
@Version("1.0.0")
package org.memfabric.api.bm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
