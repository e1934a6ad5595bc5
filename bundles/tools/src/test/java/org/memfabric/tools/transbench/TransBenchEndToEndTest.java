package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.tools.Captured;
import org.memfabric.trans.TransferServiceImpl;

/**
 * Runs {@code bench trans} against the real TRANS engine and transports (found with ServiceLoader), with the receiver
 * in a thread of this JVM instead of a process: its own {@link TransferServiceImpl}, started through the same
 * {@code bench-trans-rank} command line. Small sizes; only the verification is asserted, never a time.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TransBenchEndToEndTest {

    @TempDir
    Path dir;

    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    private final TransferServiceImpl senderTrans = new TransferServiceImpl();
    private final TransferServiceImpl receiverTrans = new TransferServiceImpl();

    @AfterEach
    void closeEverything() {
        senderTrans.uninit(0);
        receiverTrans.uninit(0);
        stores.close();
    }

    /** Starts {@code bench-trans-rank} on a thread; its streams are captured. */
    private ReceiverLauncher inThread(final Captured receiverIo) {
        return rankArguments -> {
            final AtomicInteger exit = new AtomicInteger(-1);
            final Thread thread = new Thread(() -> exit.set(new TransBenchRankTool(receiverTrans, stores)
                .run(rankArguments, receiverIo.out, receiverIo.err)), "bench-trans-receiver");
            thread.setDaemon(true);
            thread.start();
            return new ReceiverLauncher.Receiver() {
                @Override
                public boolean isAlive() {
                    return thread.isAlive();
                }

                @Override
                public boolean awaitSuccess(final long timeoutSeconds) throws InterruptedException {
                    thread.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
                    return !thread.isAlive() && exit.get() == 0;
                }

                @Override
                public String output() {
                    return receiverIo.describe();
                }

                @Override
                public void close() {
                    thread.interrupt();
                }
            };
        };
    }

    private void shouldMoveAndVerifyEveryBlock(final String transport) throws Exception {
        final Captured io = new Captured();
        final Captured receiverIo = new Captured();
        final Path csv = dir.resolve(transport + ".csv");
        final TransBenchTool tool = new TransBenchTool(senderTrans, stores, inThread(receiverIo), null);

        final int exit = tool.run(List.of("--transport", transport, "--sizes", "4K,100,64K", "--batch", "4",
            "--iterations", "5", "--timeout-s", "60", "--csv", csv.toString()), io.out, io.err);

        assertEquals(0, exit, io.describe() + receiverIo.describe());
        assertTrue(io.out().startsWith("bench trans: transport=" + transport + " "), io.describe());
        assertTrue(receiverIo.out().contains("bench-trans-rank: served 6 steps"), receiverIo.describe());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals(TransBenchRow.CSV_HEADER, lines.get(0));
        assertEquals(List.of("write," + transport + ",4096,4,5", "write," + transport + ",100,4,5",
            "write," + transport + ",65536,4,5", "read," + transport + ",4096,4,5", "read," + transport + ",100,4,5",
            "read," + transport + ",65536,4,5"), lines.subList(1, lines.size()).stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, 5)))
                .collect(java.util.stream.Collectors.toList()));
        for (final String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith(",ok"), "verified: " + line);
            assertTrue(Double.parseDouble(line.split(",")[10]) > 0, "a bandwidth: " + line);
        }
        assertEquals(6, io.out().split("ok crc32c=", -1).length - 1, io.describe());
    }

    @Test
    void shouldMoveAndVerifyEveryBlockOverShm() throws Exception {
        shouldMoveAndVerifyEveryBlock("shm");
    }

    @Test
    void shouldMoveAndVerifyEveryBlockOverTcp() throws Exception {
        shouldMoveAndVerifyEveryBlock("tcp");
    }
}
