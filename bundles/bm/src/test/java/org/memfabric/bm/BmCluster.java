package org.memfabric.bm;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Several BM ranks in this JVM: one store (started by rank 0), one BM module per rank sharing a transport catalog,
 * one BM object per rank. Test fixture; closes everything.
 */
final class BmCluster implements AutoCloseable {
    static final long HOST_BYTES = 4L << 20;
    static final long DEVICE_BYTES = 2L << 20;

    final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    final TransportCatalog catalog = new TransportCatalog();
    /** Each rank's catalog: all {@link #catalog}, or one per rank for {@link #separateCatalogs}. */
    final List<TransportCatalog> catalogs = new ArrayList<>();
    final List<BigMemoryServiceImpl> services = new ArrayList<>();
    final List<BigMemory> objects = new ArrayList<>();
    final String url;
    final int size;

    BmCluster(final int size, final Transport... transports) throws Exception {
        this(size, false, transports);
    }

    /** A cluster whose ranks each have their own catalog holding the given transports. */
    static BmCluster separateCatalogs(final int size, final Transport... transports) throws Exception {
        return new BmCluster(size, true, transports);
    }

    private BmCluster(final int size, final boolean separate, final Transport... transports) throws Exception {
        this.size = size;
        this.url = "tcp://127.0.0.1:" + freePort();
        for (int r = 0; r < size; r++) {
            catalogs.add(separate ? new TransportCatalog() : catalog);
        }
        for (final TransportCatalog c : separate ? catalogs : List.of(catalog)) {
            for (final Transport t : transports) {
                c.add(t);
            }
        }
        for (int r = 0; r < size; r++) {
            services.add(new BigMemoryServiceImpl(() -> stores, catalogs.get(r), new HostBackedDeviceMemory()));
        }
        parallel(r -> {
            services.get(r).init(url, size, 0, config(r));
            return null;
        });
        for (int r = 0; r < size; r++) {
            objects.add(services.get(r).create(1, 0, EnumSet.of(BmDataOpType.SDMA, BmDataOpType.HOST_TCP),
                HOST_BYTES, DEVICE_BYTES, 0));
        }
    }

    static BmConfig config(final int rank) {
        return new BmConfig().rankId(rank).controlOperationTimeout(Duration.ofSeconds(20))
            .initTimeout(Duration.ofSeconds(20));
    }

    BmCluster joinAll() throws Exception {
        parallel(r -> objects.get(r).join(0));
        return this;
    }

    BigMemory bm(final int rank) {
        return objects.get(rank);
    }

    BigMemoryImpl impl(final int rank) {
        return (BigMemoryImpl) objects.get(rank);
    }

    interface RankTask {
        Object run(int rank) throws Exception;
    }

    void parallel(final RankTask task) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(size);
        try {
            final List<Future<Object>> futures = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                final int rank = r;
                futures.add(pool.submit(() -> task.run(rank)));
            }
            for (final Future<Object> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Set<BmDataOpType> sdma() {
        return EnumSet.of(BmDataOpType.SDMA);
    }

    @Override
    public void close() {
        for (int r = size - 1; r >= 0; r--) {
            services.get(r).uninit(0);
        }
        stores.close();
    }
}
