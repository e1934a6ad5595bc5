package org.memfabric.trans;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.configstore.ConfigStoreServiceImpl;
import org.memfabric.transport.shm.ShmTransport;
import org.memfabric.transport.spi.TransportCatalog;
import org.memfabric.transport.tcp.TcpTransport;

/**
 * Several TRANS engines in this JVM, each from its own module, over one shared-memory and one TCP transport; the
 * first engine starts the embedded config store. Test fixture; closes everything.
 */
final class TransCluster implements AutoCloseable {
    final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();
    final ShmTransport shm = new ShmTransport();
    final TcpTransport tcp = new TcpTransport();
    final TransportCatalog catalog = new TransportCatalog();
    final List<TransferServiceImpl> services = new ArrayList<>();
    final List<TransferEngineImpl> engines = new ArrayList<>();
    final String url;
    private final int firstPort;

    TransCluster(final TransRole... roles) throws IOException {
        this.url = "tcp://127.0.0.1:" + freePort();
        this.firstPort = freePort();
        catalog.add(shm);
        catalog.add(tcp);
        for (int i = 0; i < roles.length; i++) {
            final TransferServiceImpl s = new TransferServiceImpl(() -> stores, catalog);
            s.init(new TransConfig());
            services.add(s);
            engines.add(create(i, roles[i]));
        }
    }

    TransferEngineImpl create(final int index, final TransRole role) {
        return (TransferEngineImpl) services.get(index).create(url, id(index), config(role).startConfigServer(index == 0));
    }

    static TransConfig config(final TransRole role) {
        return new TransConfig().role(role).operationTimeout(Duration.ofSeconds(5))
            .initTimeout(Duration.ofSeconds(10));
    }

    String id(final int index) {
        return "127.0.0.1:" + (firstPort + index);
    }

    TransferEngineImpl engine(final int index) {
        return engines.get(index);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A direct buffer filled with a pattern made from a seed. */
    static ByteBuffer patterned(final int sizeBytes, final int seed) {
        final ByteBuffer b = ByteBuffer.allocateDirect(sizeBytes);
        fill(b, seed);
        return b;
    }

    static void fill(final ByteBuffer b, final int seed) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) (i * 31 + seed * 17 + (i >>> 8)));
        }
    }

    static long crc(final ByteBuffer b, final int from, final int length) {
        final CRC32 crc = new CRC32();
        final ByteBuffer view = b.duplicate();
        view.limit(from + length).position(from);
        crc.update(view);
        return crc.getValue();
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).uninit(0);
        }
        shm.close();
        tcp.close();
        stores.close();
    }
}
