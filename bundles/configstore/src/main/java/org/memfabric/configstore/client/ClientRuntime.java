package org.memfabric.configstore.client;

import org.memfabric.configstore.wire.SelectorLoop;

/**
 * The threads every {@link StoreClient} of the process shares: one selector loop that reads and writes all plaintext
 * links, and one deadline sweeper. Started with the first client and stopped when the last one is closed, so an idle
 * process (or a stopped bundle) keeps no store threads.
 *
 * <p>Threading: {@link #acquire()} and {@link #release} may be called from any thread (they synchronise on the
 * class); the loop and the sweeper run on their own threads.
 */
final class ClientRuntime {
    private static ClientRuntime shared;
    private static int users;

    final SelectorLoop loop;
    final DeadlineSweeper sweeper;

    private ClientRuntime() {
        this.loop = SelectorLoop.start("memfabric-store-client-io");
        this.sweeper = new DeadlineSweeper("memfabric-store-client-deadlines");
    }

    /**
     * The shared runtime, started if no client holds it.
     *
     * @return the runtime; give it back with {@link #release}
     */
    static synchronized ClientRuntime acquire() {
        if (shared == null) {
            shared = new ClientRuntime();
        }
        users++;
        return shared;
    }

    /**
     * Gives the runtime back; the last user stops its threads.
     *
     * @param runtime what {@link #acquire()} returned
     */
    static synchronized void release(final ClientRuntime runtime) {
        if (runtime != shared) {
            return;
        }
        users--;
        if (users == 0) {
            shared = null;
            runtime.loop.close();
            runtime.sweeper.close();
        }
    }
}
