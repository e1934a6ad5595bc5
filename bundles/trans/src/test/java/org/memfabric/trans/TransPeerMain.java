package org.memfabric.trans;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.memory.NativeMemory;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * A TRANS peer in its own JVM for {@link MultiProcessTransferTest}: creates an engine (transports found with
 * ServiceLoader), allocates a 2 MiB segment and registers a 1 MiB direct buffer, both filled with patterns of its
 * seed, writes its segment's first 64 KiB into the parent's memory at {@code parentAddress + seed × 64 KiB}, prints
 * {@code READY <segmentAddress> <bufferAddress>} and serves until its standard input closes.
 *
 * <p>Arguments: storeUrl uniqueId seed parentUniqueId parentAddress.
 */
public final class TransPeerMain {
    private TransPeerMain() {
    }

    /**
     * Runs the peer.
     *
     * @param args storeUrl uniqueId seed parentUniqueId parentAddress
     * @throws Exception on failure (exit code 1)
     */
    public static void main(final String[] args) throws Exception {
        final int seed = Integer.parseInt(args[2]);
        try (ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl()) {
            final TransferServiceImpl trans = new TransferServiceImpl(() -> stores, TransportCatalog.discover());
            final TransConfig config = new TransConfig().role(TransRole.BOTH).operationTimeout(Duration.ofSeconds(5))
                .initTimeout(Duration.ofSeconds(20));
            trans.init(config);
            final TransferEngine engine = trans.create(args[0], args[1], config);
            final ByteBuffer segment = engine.allocateMem(2 << 20);
            TransCluster.fill(segment, seed);
            final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            TransCluster.fill(buffer, seed + 1);
            engine.registerMem(buffer);
            engine.write(NativeMemory.address(segment), args[3], Long.parseLong(args[4]) + seed * 65536L, 65536);
            System.out.println("READY " + NativeMemory.address(segment) + " " + NativeMemory.address(buffer));
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // serve until the parent closes our standard input
            }
            trans.uninit(0);
        } catch (final Exception | Error e) {
            System.out.println("FAIL " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }
}
