package org.memfabric.configstore.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic counters of one server, updated from any thread and read without locks. */
public final class StoreServerCounters {
    final AtomicLong linksAccepted = new AtomicLong();
    final AtomicLong linksRefused = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    final AtomicLong linksClosed = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong invalidMessages = new AtomicLong();
    final AtomicLong brokenFrames = new AtomicLong();
    final AtomicLong parkedGets = new AtomicLong();
    final AtomicLong getTimeouts = new AtomicLong();
    final AtomicLong rankDowns = new AtomicLong();
    final AtomicLong heartbeatLosses = new AtomicLong();
    final AtomicLong slowConsumers = new AtomicLong();
    final AtomicLong wipes = new AtomicLong();

    /**
     * A snapshot by name, in a stable order.
     *
     * @return counter name to value
     */
    public Map<String, Long> snapshot() {
        final Map<String, Long> m = new LinkedHashMap<>();
        m.put("linksAccepted", linksAccepted.get());
        m.put("linksRefused", linksRefused.get());
        m.put("handshakeFailures", handshakeFailures.get());
        m.put("linksClosed", linksClosed.get());
        m.put("requests", requests.get());
        m.put("invalidMessages", invalidMessages.get());
        m.put("brokenFrames", brokenFrames.get());
        m.put("parkedGets", parkedGets.get());
        m.put("getTimeouts", getTimeouts.get());
        m.put("rankDowns", rankDowns.get());
        m.put("heartbeatLosses", heartbeatLosses.get());
        m.put("slowConsumers", slowConsumers.get());
        m.put("wipes", wipes.get());
        return m;
    }

    /**
     * One counter by name.
     *
     * @param name the name from {@link #snapshot()}
     * @return the value
     */
    public long get(final String name) {
        final Long v = snapshot().get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown counter: name=" + name);
        }
        return v;
    }
}
