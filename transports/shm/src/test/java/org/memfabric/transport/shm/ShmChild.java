package org.memfabric.transport.shm;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.memfabric.memory.Segment;
import org.memfabric.testkit.ChildJvm;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.spi.DirectViewConnection;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * The child side of the two-process shm tests.
 * <ul>
 *   <li>{@code requester <peerHex> <regionHex>}: connects; reads bytes [4096, 8192) of the region and checks they
 *       hold pattern 3; writes pattern 7 to [0, 4096); stores 0x5EED through a direct view at 8192; prints "ok".</li>
 *   <li>{@code owner}: registers an 8 KiB region of a fresh segment holding pattern 11, prints the peer and region
 *       descriptors as hex lines, then waits until stdin closes or it is killed.</li>
 * </ul>
 */
public final class ShmChild {
    static final int REGION_BYTES = 16384;

    private ShmChild() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws IOException when stdin fails
     */
    public static void main(final String[] args) throws IOException {
        try (ShmTransport transport = new ShmTransport(1);
            TransportEndpoint endpoint = transport.open(EndpointConfig.builder("child").rank(1).build())) {
            if ("requester".equals(args[0])) {
                final PeerDescriptor peer = PeerDescriptor.fromBytes(ChildJvm.unhex(args[1]));
                final RegionDescriptor region = RegionDescriptor.fromBytes(ChildJvm.unhex(args[2]));
                try (PeerConnection connection = endpoint.connect(peer)) {
                    final ByteBuffer seen = ByteBuffer.allocateDirect(4096);
                    connection.read(region, 4096, seen);
                    if (Patterns.firstFineMismatch(seen, 3) >= 0) {
                        System.out.println("mismatch at " + Patterns.firstFineMismatch(seen, 3));
                        return;
                    }
                    final ByteBuffer source = ByteBuffer.allocateDirect(4096);
                    Patterns.fillFine(source, 7);
                    connection.write(source, region, 0);
                    ((DirectViewConnection) connection).directView(region, 8192, 8).putLong(0, 0x5EED);
                    System.out.println("ok");
                }
            } else if ("owner".equals(args[0])) {
                final Segment segment = Segment.allocate("child-owner", Segment.SEGMENT_GRANULARITY_BYTES);
                final RegisteredRegion region = endpoint.registerRegion(segment.view(0, REGION_BYTES));
                Patterns.fillFine(region.memory(), 11);
                System.out.println(ChildJvm.hex(endpoint.descriptor().toBytes()));
                System.out.println(ChildJvm.hex(region.descriptor().toBytes()));
                System.out.flush();
                while (System.in.read() >= 0) {
                    continue;
                }
            } else {
                throw new IllegalArgumentException("unknown mode: mode=" + args[0]);
            }
        }
    }
}
