package org.memfabric.transport.local;

import org.junit.jupiter.api.Nested;
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

/** The in-process transport passes every test class of the TCK; each nested class subclasses one. */
class LocalTransportConformanceTest {
    private static Transport newLocalTransport() {
        return new LocalTransport(2);
    }

    @Nested
    class Availability extends AvailabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class RegionRegistration extends RegionRegistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Reachability extends ReachabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class ReadWrite extends ReadWriteConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Batch extends BatchConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Async extends AsyncConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Bounds extends BoundsConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Deregistration extends DeregistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class PeerLoss extends PeerLossConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class CloseWhileBusy extends CloseWhileBusyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newLocalTransport();
        }
    }
}
