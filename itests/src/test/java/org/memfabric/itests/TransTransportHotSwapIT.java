package org.memfabric.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferService;
import org.memfabric.memory.NativeMemory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * TRANS keeps transferring while the shm transport bundle is stopped and started in Felix. Two engines of the
 * container's TransferService write into and read from each other's engine-allocated (shareable) memory: stopping
 * the shm bundle while a thread writes makes in-flight transfers fail with a typed error (or complete) and later
 * ones go over tcp; after it starts again transfers keep working. Bytes are verified before, during and after.
 */
@RunWith(PaxExam.class)
@ExamFactory(NativeTestContainerFactory.class)
@ExamReactorStrategy(PerClass.class)
public class TransTransportHotSwapIT {
    private static final long SWAP_TIMEOUT_MS = 20_000;
    private static final int MIB = 1 << 20;
    private static final int COPY_BYTES = 256 * 1024;
    private static final String SHM = "org.memfabric.transport.shm";

    @Inject
    private BundleContext context;

    @Inject
    private TransferService trans;

    /**
     * The Felix deployment of all MemFabric bundles.
     *
     * @return the options
     */
    @Configuration
    public Option[] config() {
        return options(FelixOptions.memFabricOnFelix("trans-transport-hot-swap"));
    }

    @Test(timeout = 180_000)
    public void shouldKeepTransferringWhileTheShmBundleIsStoppedAndStartedAgain() throws Exception {
        final Bundle shm = ContainerState.find(context, SHM);
        assertNotNull(SHM + " is installed", shm);
        final String url = "tcp://127.0.0.1:" + freePort();
        trans.init(new TransConfig());
        TransferEngine a = null;
        TransferEngine b = null;
        try {
            a = trans.create(url, "127.0.0.1:" + freePort(), engineConfig().startConfigServer(true));
            b = trans.create(url, "127.0.0.1:" + freePort(), engineConfig());
            final ByteBuffer src = a.allocateMem(2 * MIB);
            final ByteBuffer back = a.allocateMem(2 * MIB);
            final ByteBuffer dst = b.allocateMem(2 * MIB);
            roundTrip(a, b.uniqueId(), src, back, dst, 1);

            final TransferEngine writer = a;
            final String peer = b.uniqueId();
            final CopyTraffic traffic = new CopyTraffic("it-trans-traffic",
                () -> writer.write(address(src) + MIB, peer, address(dst) + MIB, COPY_BYTES), SWAP_TIMEOUT_MS);
            traffic.start();
            traffic.awaitSuccesses(20, "transfers before the swap");
            shm.stop();
            traffic.awaitSuccesses(traffic.ok.get() + 20, "transfers after stopping the shm bundle");
            roundTrip(a, b.uniqueId(), src, back, dst, 2);
            shm.start();
            traffic.awaitSuccesses(traffic.ok.get() + 20, "transfers after starting the shm bundle again");
            roundTrip(a, b.uniqueId(), src, back, dst, 3);
            traffic.stop();
            assertTrue("untyped failure during the swap: " + traffic.untyped.get(), traffic.untyped.get() == null);
        } finally {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
            trans.uninit(0);
            if (shm.getState() != Bundle.ACTIVE) {
                shm.start();
            }
        }
    }

    private static TransConfig engineConfig() {
        return new TransConfig().role(TransRole.BOTH).operationTimeout(Duration.ofSeconds(10))
            .initTimeout(Duration.ofSeconds(20));
    }

    /** Writes a pattern from {@code src} into the peer's {@code dst}, reads it back into {@code back}, compares. */
    private static void roundTrip(final TransferEngine engine, final String peer, final ByteBuffer src,
        final ByteBuffer back, final ByteBuffer dst, final int seed) {
        for (int i = 0; i < COPY_BYTES; i++) {
            src.put(i, (byte) (i * 31 + seed));
        }
        engine.write(address(src), peer, address(dst), COPY_BYTES);
        engine.read(address(back), peer, address(dst), COPY_BYTES);
        final byte[] expected = new byte[COPY_BYTES];
        final byte[] actual = new byte[COPY_BYTES];
        src.get(0, expected);
        back.get(0, actual);
        assertArrayEquals("bytes read back from the peer, seed " + seed, expected, actual);
    }

    private static long address(final ByteBuffer buffer) {
        return NativeMemory.address(buffer);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
