package org.memfabric.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three SHM ranks in three JVMs on this host ({@link ShmRankMain}), over the shared-memory and the TCP transport:
 * put/get into every rank with checksums, barrier, allgather, reach and views.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultiProcessShmTest {
    private static final int RANKS = 3;

    private static final class Rank {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Rank(final Process process, final int rank) {
            this.process = process;
            final Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        System.out.println("[rank " + rank + "] " + line);
                    }
                } catch (final IOException e) {
                    lines.add("output lost: " + e);
                }
            });
            t.setDaemon(true);
            t.start();
        }

        boolean saw(final String text) {
            for (final String l : lines) {
                if (l.contains(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shm", "tcp"})
    void shouldPutGetAndGatherAcrossThreeProcesses(final String transport) throws Exception {
        final String url = "tcp://127.0.0.1:" + ShmCluster.freePort();
        final List<Rank> ranks = new ArrayList<>();
        try {
            for (int r = 0; r < RANKS; r++) {
                final List<String> cmd = List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-cp", System.getProperty("java.class.path"), ShmRankMain.class.getName(),
                    Integer.toString(r), Integer.toString(RANKS), url, transport);
                ranks.add(new Rank(new ProcessBuilder(cmd).redirectErrorStream(true).start(), r));
            }
            final String reach = "tcp".equals(transport) ? "reach=[RDMA]" : "reach=[MTE, SDMA]";
            final String view = "tcp".equals(transport) ? "view notSupported" : "STEP view OK";
            for (int r = 0; r < RANKS; r++) {
                final Rank rank = ranks.get(r);
                if (!rank.process.waitFor(100, TimeUnit.SECONDS)) {
                    fail("rank hung: rank=" + r + ", output=" + rank.lines);
                }
                assertEquals(0, rank.process.exitValue(), "rank failed: rank=" + r + ", output=" + rank.lines);
                for (final String step : List.of("barrier OK", "checksums OK", "allgather OK", reach, view)) {
                    assertTrue(rank.saw(step), "rank " + r + " did not report " + step + ": " + rank.lines);
                }
            }
        } finally {
            for (final Rank rank : ranks) {
                rank.process.destroyForcibly();
            }
        }
    }
}
