package org.memfabric.tools.transbench;

import java.time.Duration;

import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.trans.TransConfig;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferService;

/**
 * One side of {@code bench trans}: TRANS initialised and one engine created on the run's store, with the role of
 * the side and the data-op types of the chosen transport; its id is {@code 127.0.0.1:PORT} with a port from
 * {@link TransferService#getRpcPort()}. {@link #close()} destroys the engine and uninitialises TRANS. Used by one
 * thread.
 */
final class TransEndpoint implements AutoCloseable {
    private final TransferService transfer;
    private final TransferEngine engine;
    private final String uniqueId;

    TransEndpoint(final TransferService transfer, final StoreUrl store, final TransRole role,
        final TransBenchSettings s) {
        this.transfer = transfer;
        final Duration timeout = Duration.ofSeconds(s.timeoutSeconds);
        final TransConfig config = transfer.configInit().role(role).initTimeout(timeout).operationTimeout(timeout)
            .dataOpTypes(s.transport.dataOpTypes());
        transfer.init(config);
        try {
            this.uniqueId = "127.0.0.1:" + transfer.getRpcPort();
            this.engine = transfer.create(store.toString(), uniqueId, config);
        } catch (final RuntimeException e) {
            transfer.uninit(0);
            throw e;
        }
    }

    TransferEngine engine() {
        return engine;
    }

    String uniqueId() {
        return uniqueId;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            transfer.uninit(0);
        }
    }
}
