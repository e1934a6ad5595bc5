package org.memfabric.transport.shm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.memfabric.memory.Segment;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.tck.AsyncConformanceTest;
import org.memfabric.transport.tck.AvailabilityConformanceTest;
import org.memfabric.transport.tck.BatchConformanceTest;
import org.memfabric.transport.tck.BoundsConformanceTest;
import org.memfabric.transport.tck.CloseWhileBusyConformanceTest;
import org.memfabric.transport.tck.ConcurrencyConformanceTest;
import org.memfabric.transport.tck.DeregistrationConformanceTest;
import org.memfabric.transport.tck.PeerLossConformanceTest;
import org.memfabric.transport.tck.ReachabilityConformanceTest;
import org.memfabric.transport.tck.ReadWriteConformanceTest;
import org.memfabric.transport.tck.RegionRegistrationConformanceTest;

/**
 * The shm transport passes every test class of the TCK; each nested class subclasses one. Region memory comes from
 * {@link Segment}s, one per allocation (rounded up to 2 MiB), closed after the transport is disposed.
 */
class ShmTransportConformanceTest {
    private final List<Segment> segments = new ArrayList<>();

    private static Transport newShmTransport() {
        return new ShmTransport(2);
    }

    private synchronized ByteBuffer segmentMemory(final int sizeBytes) {
        final long granule = Segment.SEGMENT_GRANULARITY_BYTES;
        final Segment segment = Segment.allocate("tck", (sizeBytes + granule - 1) / granule * granule);
        segments.add(segment);
        return segment.view(0, sizeBytes);
    }

    private synchronized void closeSegments() {
        segments.forEach(Segment::close);
        segments.clear();
    }

    @Nested
    class Availability extends AvailabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }
    }

    @Nested
    class RegionRegistration extends RegionRegistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Reachability extends ReachabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class ReadWrite extends ReadWriteConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Batch extends BatchConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Async extends AsyncConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Bounds extends BoundsConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Deregistration extends DeregistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class PeerLoss extends PeerLossConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class CloseWhileBusy extends CloseWhileBusyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newShmTransport();
        }

        @Override
        protected ByteBuffer allocateRegionMemory(final int sizeBytes) {
            return segmentMemory(sizeBytes);
        }

        @Override
        protected void disposeTransport(final Transport disposed) throws Exception {
            super.disposeTransport(disposed);
            closeSegments();
        }
    }
}
