package org.memfabric.shm;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.shm.ShareMemory;
import org.memfabric.api.shm.ShmConfig;
import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.memory.HostBackedDeviceMemory;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * Several SHM ranks in this JVM: one store (embedded in rank 0), one SHM module per rank sharing a transport
 * catalog, each rank on its own thread for collective calls. Test fixture; closes everything.
 */
final class ShmCluster implements AutoCloseable {
    static final long SLOT_BYTES = 2L << 20;

    final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    final TransportCatalog catalog = new TransportCatalog();
    final List<ShareMemoryServiceImpl> services = new ArrayList<>();
    final List<ShareMemory> objects = new ArrayList<>();
    final String url;
    final int size;

    ShmCluster(final int size, final Transport... transports) throws Exception {
        this(size, Duration.ofSeconds(20), transports);
    }

    ShmCluster(final int size, final Duration controlTimeout, final Transport... transports) throws Exception {
        this.size = size;
        this.url = "tcp://127.0.0.1:" + freePort();
        for (final Transport t : transports) {
            catalog.add(t);
        }
        for (int r = 0; r < size; r++) {
            services.add(new ShareMemoryServiceImpl(() -> stores, catalog, new HostBackedDeviceMemory()));
        }
        parallel(r -> {
            services.get(r).init(url, size, r, 0, config().controlOperationTimeout(controlTimeout));
            return null;
        });
    }

    static ShmConfig config() {
        final Duration t = Duration.ofSeconds(20);
        return new ShmConfig().initTimeout(t).createTimeout(t).controlOperationTimeout(t);
    }

    /** Creates object {@code id} on every rank (collective) and remembers it in {@link #objects}. */
    ShmCluster createAll(final int id, final Set<ShmDataOpType> types) throws Exception {
        final List<Object> made = parallel(r -> services.get(r).create(id, size, r, SLOT_BYTES, types, 0));
        objects.clear();
        for (final Object o : made) {
            objects.add((ShareMemory) o);
        }
        return this;
    }

    ShareMemory shm(final int rank) {
        return objects.get(rank);
    }

    interface RankTask {
        Object run(int rank) throws Exception;
    }

    /** Runs a task on every rank at once; returns the results in rank order; rethrows the first failure's cause. */
    List<Object> parallel(final RankTask task) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(size);
        try {
            final List<Future<Object>> futures = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                final int rank = r;
                futures.add(pool.submit(() -> task.run(rank)));
            }
            final List<Object> results = new ArrayList<>();
            for (final Future<Object> f : futures) {
                try {
                    results.add(f.get(60, TimeUnit.SECONDS));
                } catch (final ExecutionException e) {
                    if (e.getCause() instanceof Exception) {
                        throw (Exception) e.getCause();
                    }
                    throw e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            parallel(r -> {
                services.get(r).uninit(0);
                return null;
            });
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the ranks", e);
        } catch (final Exception e) {
            throw new IllegalStateException("closing the ranks failed", e);
        } finally {
            stores.close();
        }
    }
}
