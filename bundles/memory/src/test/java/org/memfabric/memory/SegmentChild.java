package org.memfabric.memory;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.memfabric.testkit.ChildJvm;
import org.memfabric.testkit.Patterns;

/**
 * The child side of the two-process tests.
 * <ul>
 *   <li>{@code attach-write <descriptorHex> <offset> <length> <seed>}: attaches, writes the pattern, prints "written".</li>
 *   <li>{@code allocate-and-wait <sizeBytes> <seed>}: allocates, writes the pattern over the first MiB, prints the
 *       descriptor as hex, then waits until its stdin closes or it is killed.</li>
 * </ul>
 */
public final class SegmentChild {
    private SegmentChild() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws IOException when stdin fails
     */
    public static void main(final String[] args) throws IOException {
        if ("attach-write".equals(args[0])) {
            final SegmentDescriptor descriptor = SegmentDescriptor.fromBytes(ChildJvm.unhex(args[1]));
            try (Segment segment = Segment.attach(descriptor)) {
                final ByteBuffer view = segment.view(Long.parseLong(args[2]), Integer.parseInt(args[3]));
                Patterns.fillFine(view, Integer.parseInt(args[4]));
            }
            System.out.println("written");
        } else if ("allocate-and-wait".equals(args[0])) {
            final Segment segment = Segment.allocate("child", Long.parseLong(args[1]));
            Patterns.fillFine(segment.view(0, 1 << 20), Integer.parseInt(args[2]));
            System.out.println(ChildJvm.hex(segment.descriptor().toBytes()));
            System.out.flush();
            while (System.in.read() >= 0) {
                continue;
            }
            segment.close();
        } else {
            throw new IllegalArgumentException("unknown mode: mode=" + args[0]);
        }
    }
}
