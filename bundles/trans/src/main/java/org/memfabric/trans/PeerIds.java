package org.memfabric.trans;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The canonical text of the peer ids callers pass to transfers, remembered per spelling, so that a transfer loop
 * parses its peer id (URL pattern, address literal) once instead of on every call. Only ids that parse are
 * remembered; a malformed one is refused every time with the same {@link org.memfabric.api.InvalidArgumentException}
 * as {@link UniqueId#parse}. At most {@value #MAX_SPELLINGS} spellings are kept: past that the map starts over, so a
 * caller cycling through ever new strings costs parsing, never unbounded memory.
 *
 * <p>Threading: any thread.
 */
final class PeerIds {
    /** Spellings remembered at most before the map starts over. */
    static final int MAX_SPELLINGS = 1024;

    private final ConcurrentMap<String, String> canonical = new ConcurrentHashMap<>();

    /**
     * The canonical id of a peer id.
     *
     * @param uniqueId {@code ip:port} or {@code [v6]:port}, as the caller wrote it
     * @return its canonical text ({@link UniqueId#text()})
     * @throws org.memfabric.api.InvalidArgumentException naming the id when it is null, empty or malformed
     */
    String canonical(final String uniqueId) {
        final String known = uniqueId == null ? null : canonical.get(uniqueId);
        if (known != null) {
            return known;
        }
        final String parsed = UniqueId.parse(uniqueId).text();
        if (canonical.size() >= MAX_SPELLINGS) {
            canonical.clear();
        }
        canonical.put(uniqueId, parsed);
        return parsed;
    }

    /** Spellings remembered now. */
    int size() {
        return canonical.size();
    }
}
