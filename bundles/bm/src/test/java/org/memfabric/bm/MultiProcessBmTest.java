package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memfabric.testkit.ChildJvm;

/**
 * Three BM ranks in three JVMs on this host ({@link BmRankMain}), over the shared-memory and the TCP transport:
 * every valid copy direction with checksums, global to global between two other ranks, batches, 2D and
 * asynchronous copies; and a rank killed while the others copy to it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiProcessBmTest {
    private static final int RANKS = 3;

    private static List<ChildJvm> start(final String transport, final String scenario) throws Exception {
        final String url = "tcp://127.0.0.1:" + BmCluster.freePort();
        final List<ChildJvm> ranks = new ArrayList<>();
        for (int r = 0; r < RANKS; r++) {
            ranks.add(ChildJvm.launch(BmRankMain.class).stderrMerged().echoedWithPrefix("[rank " + r + "] ")
                .start(Integer.toString(r), Integer.toString(RANKS), url, transport, scenario));
        }
        return ranks;
    }

    private static void awaitExit(final ChildJvm rank, final int r) throws InterruptedException {
        if (!rank.process().waitFor(120, TimeUnit.SECONDS)) {
            rank.process().destroyForcibly();
            fail("rank hung: rank=" + r + ", output=" + rank.lines());
        }
        assertEquals(0, rank.process().exitValue(), "rank failed: rank=" + r + ", output=" + rank.lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shm", "tcp"})
    void shouldMoveAndVerifyEveryCopyDirectionAcrossThreeProcesses(final String transport) throws Exception {
        final List<ChildJvm> ranks = start(transport, "copies");
        try {
            for (int r = 0; r < RANKS; r++) {
                awaitExit(ranks.get(r), r);
                final ChildJvm rank = ranks.get(r);
                for (final String step : List.of("direction L2G->G2L", "direction H2G->G2H", "direction L2GH->GH2L",
                    "direction H2GH->GH2H", "direction AUTO->AUTO", "G2G OK", "batch OK", "2D OK", "async OK",
                    "left OK")) {
                    assertTrue(rank.saw(step), "rank " + r + " did not report " + step + ": " + rank.lines());
                }
                assertTrue(rank.saw("transport=" + transport), "rank " + r + " did not use " + transport + ": "
                    + rank.lines());
            }
        } finally {
            for (final ChildJvm rank : ranks) {
                rank.process().destroyForcibly();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shm", "tcp"})
    void shouldGiveSurvivorsTypedErrorsWhenARankIsKilledAndKeepThemWorking(final String transport)
        throws Exception {
        final List<ChildJvm> ranks = start(transport, "crash");
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(ranks.get(0).saw("ready OK") && ranks.get(1).saw("ready OK") && ranks.get(2).saw("ready OK"))) {
                if (System.nanoTime() > deadline) {
                    fail("ranks not ready: " + ranks.get(0).lines() + ranks.get(1).lines() + ranks.get(2).lines());
                }
                Thread.sleep(20);
            }
            Thread.sleep(300); // let copies run
            ranks.get(2).process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (int r = 0; r < 2; r++) {
                awaitExit(ranks.get(r), r);
                assertTrue(ranks.get(r).saw("LOST type="), "rank " + r + ": " + ranks.get(r).lines());
                assertTrue(ranks.get(r).saw("survived OK"), "rank " + r + ": " + ranks.get(r).lines());
            }
        } finally {
            for (final ChildJvm rank : ranks) {
                rank.process().destroyForcibly();
            }
        }
    }
}
