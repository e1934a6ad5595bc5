package org.memfabric.shm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotSupportedException;
import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.testkit.Patterns;

/**
 * An SHM rank in its own JVM, for {@link MultiProcessShmTest}: plain Java (transports found by ServiceLoader), rank
 * 0 runs the embedded store. Prints {@code STEP <name> OK} lines, {@code FAIL ...} on a wrong byte, and exits 0 when
 * everything verified. Args: rank ranks storeUrl transport(shm|tcp).
 */
public final class ShmRankMain {
    private static final int REGION = 256 * 1024;
    private static final long SLOT = 4L << 20;

    private ShmRankMain() {
    }

    public static void main(final String[] args) {
        final int rank = Integer.parseInt(args[0]);
        final int ranks = Integer.parseInt(args[1]);
        final String url = args[2];
        final boolean tcp = "tcp".equals(args[3]);
        final Set<ShmDataOpType> types = tcp ? EnumSet.of(ShmDataOpType.RDMA)
            : EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA);
        final ShareMemoryServiceImpl service = new ShareMemoryServiceImpl();
        final Duration timeout = Duration.ofSeconds(30);
        int exit = 1;
        try {
            service.init(url, ranks, rank, 0, new ShmConfig().initTimeout(timeout).createTimeout(timeout)
                .controlOperationTimeout(timeout));
            try (ShareMemory shm = service.create(3, ranks, rank, SLOT, types, 0)) {
                step("created gva=0x" + Long.toHexString(shm.gva()));
                exit = run(shm, rank, ranks, tcp) ? 0 : 1;
            }
        } catch (final MemFabricException e) {
            System.out.println("FAIL " + e);
            e.printStackTrace(System.out);
        } finally {
            service.uninit(0);
        }
        System.out.flush();
        System.exit(exit);
    }

    private static boolean run(final ShareMemory shm, final int r, final int n, final boolean tcp) {
        for (int target = 0; target < n; target++) {
            shm.put(target, (long) r * REGION, Patterns.filled(REGION, r * 100 + target, true));
        }
        shm.barrier();
        step("barrier");
        boolean ok = true;
        final ByteBuffer back = ByteBuffer.allocateDirect(REGION);
        for (int target = 0; target < n; target++) {
            for (int writer = 0; writer < n; writer++) {
                shm.get(target, (long) writer * REGION, back);
                final long expected = Patterns.crc(Patterns.filled(REGION, writer * 100 + target, true));
                if (Patterns.crc(back) != expected) {
                    System.out.println("FAIL checksum target=" + target + " writer=" + writer);
                    ok = false;
                }
            }
        }
        if (ok) {
            step("checksums");
        }
        final byte[] all = shm.allGather(new byte[] {(byte) r, (byte) (r * 2)});
        for (int i = 0; i < n; i++) {
            if (all[2 * i] != i || all[2 * i + 1] != 2 * i) {
                System.out.println("FAIL allgather index=" + i);
                ok = false;
            }
        }
        if (ok) {
            step("allgather");
        }
        final int next = (r + 1) % n;
        final Set<ShmDataOpType> reach = shm.topologyCanReach(next);
        step("reach=" + reach + " transport=" + (tcp ? "tcp" : "shm"));
        if (tcp) {
            try {
                shm.view(next);
                System.out.println("FAIL view over tcp did not fail");
                ok = false;
            } catch (final NotSupportedException e) {
                step("view notSupported");
            }
        } else {
            final ByteBuffer view = shm.view(next);
            final ByteBuffer viewed = view.duplicate().position(r * REGION).limit((r + 1) * REGION);
            if (Patterns.crc(viewed) != Patterns.crc(Patterns.filled(REGION, r * 100 + next, true))) {
                System.out.println("FAIL view of rank " + next);
                ok = false;
            } else {
                step("view");
            }
        }
        shm.barrier();
        return ok;
    }

    private static void step(final String what) {
        System.out.println("STEP " + what + " OK");
        System.out.flush();
    }
}
