/**
 * Group coordination on top of a config store, shared by BM, SHM and TRANS: barrier and allgather (plus subgroup
 * variants), join/leave with a store lock and events, rank-down handling, a global exit broadcast and an atomic
 * number allocator. Every blocking step is bounded by the group's control-operation timeout.
 */
@Export
@Version("1.0.0")
package org.memfabric.configstore.group;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
