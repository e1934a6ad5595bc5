package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two "hosts": two network namespaces joined by a veth pair, with 10.213.x.y addresses that exist only inside
 * them. Rank 0 (embedding the store) runs in one, rank 1 in the other; they copy over the tcp transport in every
 * direction with checksums. Skipped, with the reason printed, where {@code ip netns} is not permitted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoHostTcpTest {
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String nsA = "mfbm-a-" + tag;
    private final String nsB = "mfbm-b-" + tag;
    private final String subnet = "10.213." + (ProcessHandle.current().pid() % 200 + 20);
    private boolean created;

    private static String run(final String... cmd) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("command failed: " + String.join(" ", cmd) + ": " + out.trim());
        }
        return out;
    }

    @BeforeEach
    void createNamespaces() throws Exception {
        try {
            run("ip", "netns", "add", nsA);
        } catch (final IOException e) {
            System.out.println("SKIPPED: two-host test, ip netns not permitted here: " + e.getMessage());
            Assumptions.abort("ip netns not permitted here: " + e.getMessage());
        }
        created = true;
        run("ip", "netns", "add", nsB);
        run("ip", "link", "add", "va" + tag, "type", "veth", "peer", "name", "vb" + tag);
        run("ip", "link", "set", "va" + tag, "netns", nsA);
        run("ip", "link", "set", "vb" + tag, "netns", nsB);
        run("ip", "-n", nsA, "addr", "add", subnet + ".1/24", "dev", "va" + tag);
        run("ip", "-n", nsB, "addr", "add", subnet + ".2/24", "dev", "vb" + tag);
        for (final String[] ns : new String[][] {{nsA, "va" + tag}, {nsB, "vb" + tag}}) {
            run("ip", "-n", ns[0], "link", "set", "lo", "up");
            run("ip", "-n", ns[0], "link", "set", ns[1], "up");
        }
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        if (created) {
            run("ip", "netns", "del", nsA);
            run("ip", "netns", "del", nsB);
        }
    }

    @Test
    void shouldCopyEveryDirectionBetweenTwoHostsOverTcp() throws Exception {
        final String url = "tcp://" + subnet + ".1:" + BmCluster.freePort();
        final String nic = "tcp://" + subnet + ".0/24:21000";
        final List<Process> ranks = new ArrayList<>();
        final List<StringBuilder> outputs = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
                final Process p = new ProcessBuilder("ip", "netns", "exec", r == 0 ? nsA : nsB, java, "-cp",
                    System.getProperty("java.class.path"), BmRankMain.class.getName(), Integer.toString(r), "2", url,
                    "tcp", "copies", nic).redirectErrorStream(true).start();
                ranks.add(p);
                final StringBuilder out = new StringBuilder();
                outputs.add(out);
                final Thread t = new Thread(() -> {
                    try {
                        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (final IOException e) {
                        out.append("output lost: ").append(e);
                    }
                });
                t.setDaemon(true);
                t.start();
            }
            for (int r = 0; r < 2; r++) {
                if (!ranks.get(r).waitFor(120, TimeUnit.SECONDS)) {
                    fail("rank hung: rank=" + r);
                }
            }
            Thread.sleep(200);
            for (int r = 0; r < 2; r++) {
                final String out = outputs.get(r).toString();
                assertEquals(0, ranks.get(r).exitValue(), "rank " + r + " failed:\n" + out);
                for (final String step : List.of("direction L2G->G2L", "direction H2G->G2H", "direction AUTO->AUTO",
                    "G2G OK", "batch OK", "2D OK", "async OK", "left OK")) {
                    assertTrue(out.contains(step), "rank " + r + " did not report " + step + ":\n" + out);
                }
                assertTrue(out.contains("transport=tcp"), out);
            }
        } finally {
            for (final Process p : ranks) {
                p.destroyForcibly();
            }
        }
    }
}
