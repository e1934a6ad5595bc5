package org.memfabric.transport.shm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.memfabric.memory.Segment;
import org.memfabric.memory.SegmentDescriptor;

/**
 * The peer segments one endpoint has mapped, keyed by descriptor (which includes the nonce), so that connections of
 * the endpoint to the same peer share one mapping per segment. Any thread acquires and releases; a mapping lives
 * while it has users (connections and direct views) and is unmapped by the last release.
 */
final class AttachmentCache {
    private final ConcurrentMap<SegmentDescriptor, Attachment> attachments = new ConcurrentHashMap<>();
    private final ShmCounters counters;

    AttachmentCache(final ShmCounters counters) {
        this.counters = counters;
    }

    /**
     * A mapping of the segment with one more user, attaching it when needed.
     *
     * @throws org.memfabric.api.MemFabricException from {@link Segment#attach(SegmentDescriptor)} when the segment
     *     cannot be mapped
     */
    Attachment acquire(final SegmentDescriptor descriptor) {
        while (true) {
            final Attachment existing = attachments.get(descriptor);
            if (existing != null && existing.tryRetain()) {
                return existing;
            }
            if (existing != null) {
                attachments.remove(descriptor, existing);
                continue;
            }
            final Segment segment = Segment.attach(descriptor);
            final Attachment[] created = new Attachment[1];
            created[0] = new Attachment(segment, () -> attachments.remove(descriptor, created[0]));
            if (attachments.putIfAbsent(descriptor, created[0]) == null) {
                counters.segmentsAttached.increment();
                return created[0];
            }
            segment.close();
        }
    }

    /** Mapped segments, for counters. */
    int size() {
        return attachments.size();
    }
}
