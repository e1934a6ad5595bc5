package org.memfabric.configstore.server;

import java.util.concurrent.ScheduledFuture;

/** A GET parked until its key exists or its deadline passes. Guarded by the engine lock. */
final class Waiter {
    final ServerLink link;
    final short frameType;
    final int seqNo;
    final String key;
    ScheduledFuture<?> deadline;

    Waiter(final ServerLink link, final short frameType, final int seqNo, final String key) {
        this.link = link;
        this.frameType = frameType;
        this.seqNo = seqNo;
        this.key = key;
    }
}
