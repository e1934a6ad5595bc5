package org.memfabric.tools.bmbench;

import java.time.Duration;

import org.memfabric.api.bm.BigMemory;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.bm.BmConfig;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.group.GroupEngine;

/**
 * One rank of a BM benchmark: BM initialised (rank 0 embeds the store), one BM object created and joined, plus a
 * static group over the same store for the benchmark's own barriers. {@link #close()} leaves and uninitialises
 * (rank 0, which hosts the store, lets the others finish with it first: see {@code BigMemoryService.uninit}).
 * Used by one thread.
 */
final class BenchRank implements AutoCloseable {
    static final int BM_ID = 2;

    private final BigMemoryService bm;
    private final ConfigStore store;
    private final GroupEngine sync;
    private final BigMemory memory;

    BenchRank(final BigMemoryService bm, final ConfigStoreService stores, final StoreUrl url, final int rank,
        final int ranks, final BmBenchSettings s, final long poolBytes) {
        this.bm = bm;
        final Duration timeout = Duration.ofSeconds(s.timeoutSeconds);
        bm.init(url.toString(), ranks, 0, new BmConfig().rankId(rank).controlOperationTimeout(timeout)
            .initTimeout(timeout));
        ConfigStore st = null;
        GroupEngine g = null;
        try {
            st = stores.connect(url, new StoreClientOptions().connectTimeout(timeout).requestTimeout(timeout));
            g = GroupEngine.createStatic(st.withPrefix("MEMFABRIC_BENCH_BM_"), rank, ranks, timeout);
            final BigMemory m = bm.create(BM_ID, 0, s.dataOpTypes(), poolBytes, 0, 0);
            m.join(0);
            g.barrier();
            this.store = st;
            this.sync = g;
            this.memory = m;
        } catch (final RuntimeException e) {
            if (g != null) {
                g.close();
            }
            if (st != null) {
                st.close();
            }
            bm.uninit(0);
            throw e;
        }
    }

    BigMemory memory() {
        return memory;
    }

    void barrier() {
        sync.barrier();
    }

    @Override
    public void close() {
        try {
            memory.leave(0);
            memory.close();
        } finally {
            sync.close();
            store.close();
            bm.uninit(0);
        }
    }
}
