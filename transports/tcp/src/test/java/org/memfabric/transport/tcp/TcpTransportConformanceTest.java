package org.memfabric.transport.tcp;

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

/**
 * The TCP transport passes every test class of the TCK over loopback; each nested class subclasses one. Small chunks
 * (64 KiB) make the TCK's 1 MiB transfers run as pipelined multi-chunk operations.
 */
class TcpTransportConformanceTest {
    private static Transport newTcpTransport() {
        return new TcpTransport(TcpTransportSettings.builder().chunkSizeBytes(64 * 1024).build());
    }

    @Nested
    class Availability extends AvailabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class RegionRegistration extends RegionRegistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Reachability extends ReachabilityConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class ReadWrite extends ReadWriteConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Batch extends BatchConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Async extends AsyncConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Bounds extends BoundsConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Deregistration extends DeregistrationConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class PeerLoss extends PeerLossConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class CloseWhileBusy extends CloseWhileBusyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyConformanceTest {
        @Override
        protected Transport newTransport() {
            return newTcpTransport();
        }
    }
}
