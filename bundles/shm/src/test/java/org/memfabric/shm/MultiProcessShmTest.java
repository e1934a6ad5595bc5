package org.memfabric.shm;

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
 * Three SHM ranks in three JVMs on this host ({@link ShmRankMain}), over the shared-memory and the TCP transport:
 * put/get into every rank with checksums, barrier, allgather, reach and views.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultiProcessShmTest {
    private static final int RANKS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"shm", "tcp"})
    void shouldPutGetAndGatherAcrossThreeProcesses(final String transport) throws Exception {
        final String url = "tcp://127.0.0.1:" + ShmCluster.freePort();
        final List<ChildJvm> ranks = new ArrayList<>();
        try {
            for (int r = 0; r < RANKS; r++) {
                ranks.add(ChildJvm.launch(ShmRankMain.class).stderrMerged().echoedWithPrefix("[rank " + r + "] ")
                    .start(Integer.toString(r), Integer.toString(RANKS), url, transport));
            }
            final String reach = "tcp".equals(transport) ? "reach=[RDMA]" : "reach=[MTE, SDMA]";
            final String view = "tcp".equals(transport) ? "view notSupported" : "STEP view OK";
            for (int r = 0; r < RANKS; r++) {
                final ChildJvm rank = ranks.get(r);
                if (!rank.process().waitFor(100, TimeUnit.SECONDS)) {
                    fail("rank hung: rank=" + r + ", output=" + rank.lines());
                }
                assertEquals(0, rank.process().exitValue(), "rank failed: rank=" + r + ", output=" + rank.lines());
                for (final String step : List.of("barrier OK", "checksums OK", "allgather OK", reach, view)) {
                    assertTrue(rank.saw(step), "rank " + r + " did not report " + step + ": " + rank.lines());
                }
            }
        } finally {
            for (final ChildJvm rank : ranks) {
                rank.process().destroyForcibly();
            }
        }
    }
}
