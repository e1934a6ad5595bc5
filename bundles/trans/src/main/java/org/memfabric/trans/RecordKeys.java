package org.memfabric.trans;

/**
 * Config-store keys of TRANS, below the prefix {@value #PREFIX}: per unique id, the engine record, a generation
 * counter that survives restarts, and one change marker per generation that peers watch (a store watch fires when
 * its key is created). Stateless.
 */
final class RecordKeys {
    /** Prefix of every TRANS key (the original uses {@code /trans/129/}; this layout is the Java engine's own). */
    static final String PREFIX = "/trans/129/java/";

    private RecordKeys() {
    }

    static String record(final String uniqueId) {
        return "rec:" + uniqueId;
    }

    static String generation(final String uniqueId) {
        return "gen:" + uniqueId;
    }

    static String marker(final String uniqueId, final long generation) {
        return "mark:" + uniqueId + "#" + generation;
    }
}
