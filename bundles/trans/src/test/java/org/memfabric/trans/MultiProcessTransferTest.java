package org.memfabric.trans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.trans.TransRole;
import org.memfabric.memory.NativeMemory;
import org.memfabric.testkit.ChildJvm;

/**
 * Three engines in three JVMs on this host ({@link TransPeerMain} children and this JVM, which runs the store):
 * children write into this engine's memory, this engine reads and writes theirs over shared memory (segments) and
 * TCP (plain buffers) with checksums; a child is killed, transfers to it fail with a typed error within the
 * operation timeout while the other child keeps working, and a child restarted with the same unique id is usable.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class MultiProcessTransferTest {
    private static final int MIB = 1 << 20;

    /** One child JVM and its output. */
    private static final class Peer {
        final ChildJvm child;

        Peer(final ChildJvm child) {
            this.child = child;
        }

        /** The segment and buffer addresses from the READY line. */
        long[] awaitReady() throws InterruptedException {
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end) {
                for (final String l : child.lines()) {
                    if (l.startsWith("READY ")) {
                        final String[] p = l.split(" ");
                        return new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])};
                    }
                    if (l.startsWith("FAIL")) {
                        fail("peer failed: " + child.lines());
                    }
                }
                if (!child.process().isAlive()) {
                    fail("peer exited before READY: exit=" + child.process().exitValue() + ", output=" + child.lines());
                }
                Thread.sleep(20);
            }
            child.process().destroyForcibly();
            fail("peer not ready in 60 s: output=" + child.lines());
            return null;
        }

        void stop() throws Exception {
            child.process().getOutputStream().close();
            if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
                child.process().destroyForcibly();
                fail("peer did not exit: output=" + child.lines());
            }
            assertEquals(0, child.process().exitValue(), "peer failed: " + child.lines());
        }
    }

    private static Peer launch(final TransCluster cluster, final int index, final long parentAddress)
        throws IOException {
        return new Peer(ChildJvm.launch(TransPeerMain.class).stderrMerged().echoedWithPrefix("[peer " + index + "] ")
            .start(cluster.url, cluster.id(index), Integer.toString(index), cluster.id(0), Long.toString(parentAddress)));
    }

    private static void checkPeer(final TransferEngineImpl self, final String id, final int seed, final long[] at) {
        final ByteBuffer expectedSegment = TransCluster.patterned(2 * MIB, seed);
        final ByteBuffer expectedBuffer = TransCluster.patterned(MIB, seed + 1);
        final ByteBuffer back = self.allocateMem(2 * MIB);
        final long backAt = NativeMemory.address(back);
        self.read(backAt, id, at[0], 2 * MIB);
        self.read(backAt, id, at[1], MIB);
        assertEquals(TransCluster.crc(expectedBuffer, 0, MIB), TransCluster.crc(back, 0, MIB), "tcp read");
        TransCluster.fill(back, seed + 40);
        self.write(backAt, id, at[1] + 4096, 65536);
        self.write(backAt + 65536, id, at[0] + 8192, 65536);
        final ByteBuffer check = self.allocateMem(2 * MIB);
        final long checkAt = NativeMemory.address(check);
        self.read(checkAt, id, at[1] + 4096, 65536);
        self.read(checkAt + 65536, id, at[0] + 8192, 65536);
        assertEquals(TransCluster.crc(back, 0, 2 * 65536), TransCluster.crc(check, 0, 2 * 65536), "write, read back");
        TransCluster.fill(check, seed + 1);
        self.write(checkAt + 4096, id, at[1] + 4096, 65536);
        TransCluster.fill(check, seed);
        self.write(checkAt + 8192, id, at[0] + 8192, 65536);
        self.deregisterMem(backAt);
        self.deregisterMem(checkAt);
    }

    @Test
    void shouldMoveBytesBetweenJvmsAndFailTypedWhenAPeerIsKilledThenReachItsRestart() throws Exception {
        try (TransCluster cluster = new TransCluster(TransRole.BOTH)) {
            final TransferEngineImpl self = cluster.engine(0);
            final ByteBuffer inbox = self.allocateMem(2 * MIB);
            final long inboxAt = NativeMemory.address(inbox);
            final Peer one = launch(cluster, 1, inboxAt);
            final Peer two = launch(cluster, 2, inboxAt);
            final long[] oneAt = one.awaitReady();
            final long[] twoAt = two.awaitReady();
            for (final int seed : new int[] {1, 2}) {
                assertEquals(TransCluster.crc(TransCluster.patterned(65536, seed), 0, 65536),
                    TransCluster.crc(inbox, seed * 65536, 65536), "peer " + seed + " wrote into this engine");
            }
            checkPeer(self, cluster.id(1), 1, oneAt);
            checkPeer(self, cluster.id(2), 2, twoAt);

            one.child.process().destroyForcibly();
            assertTrue(one.child.process().waitFor(30, TimeUnit.SECONDS));
            final ByteBuffer src = self.allocateMem(2 * MIB);
            final long srcAt = NativeMemory.address(src);
            for (final long remote : oneAt) {
                final MemFabricException lost = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(MemFabricException.class, () -> self.write(srcAt, cluster.id(1), remote, 4096)));
                assertTrue(lost instanceof TransportException, "typed transport error: " + lost);
                assertTrue(lost.getMessage().contains(cluster.id(1)), lost.getMessage());
            }
            checkPeer(self, cluster.id(2), 2, twoAt);

            final Peer again = launch(cluster, 1, inboxAt);
            final long[] againAt = again.awaitReady();
            checkPeer(self, cluster.id(1), 1, againAt);
            again.stop();
            two.stop();
        }
    }
}
