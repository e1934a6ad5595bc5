package org.memfabric.configstore.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic counters of one client, updated from any thread and read without locks. */
public final class StoreClientCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong linkBreaks = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong rankDowns = new AtomicLong();

    /**
     * A snapshot by name, in a stable order.
     *
     * @return counter name to value
     */
    public Map<String, Long> snapshot() {
        final Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests.get());
        m.put("timeouts", timeouts.get());
        m.put("linkBreaks", linkBreaks.get());
        m.put("reconnects", reconnects.get());
        m.put("rankDowns", rankDowns.get());
        return m;
    }
}
