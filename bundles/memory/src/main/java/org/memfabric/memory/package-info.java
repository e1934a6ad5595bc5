/**
 * The memory layer: shareable segments that processes on one host map from each other, and the JNA plumbing beneath.
 *
 * <p>A {@link org.memfabric.memory.Segment} is one memfd, sized in multiples of 2 MiB, mapped once
 * {@code MAP_SHARED | MAP_POPULATE} so that it is pre-faulted at creation (first touch costs about ten times a
 * warm access on the reference machine). Its {@link org.memfabric.memory.SegmentDescriptor} (boot id, pid, fd, size,
 * inode, nonce, label; a versioned byte layout) lets a same-host peer attach it through {@code /proc/<pid>/fd/<fd>}.
 * Nothing is ever named in a file system: the memory lives while the owner's fd or any mapping exists, so a crashed
 * owner leaves nothing behind but its peers' mappings. {@link org.memfabric.memory.SharedSegments} tells transports
 * which owned segment holds a buffer; {@link org.memfabric.memory.HostIdentity} gives the boot id and process
 * liveness; {@link org.memfabric.memory.NativeMemory} converts between direct buffers and addresses.
 *
 * <p>{@link org.memfabric.memory.DeviceMemoryProvider} is where BM's device pool comes from;
 * {@link org.memfabric.memory.HostBackedDeviceMemory} stands in with host DRAM while no accelerator provider is
 * bound. Native failures are {@link org.memfabric.memory.NativeCallException}s naming the call, errno and arguments.
 */
@Export
@Version("1.0.0")
package org.memfabric.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
