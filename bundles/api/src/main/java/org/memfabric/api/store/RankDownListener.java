package org.memfabric.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives rank-down notifications ({@link ConfigStore#watchRankDown}). Called on the client's I/O thread. */
@ConsumerType
@FunctionalInterface
public interface RankDownListener {
    /**
     * A ranked client's link to the store broke (it crashed, closed, or missed its heartbeats).
     *
     * @param rank the rank that went down
     */
    void onRankDown(int rank);
}
