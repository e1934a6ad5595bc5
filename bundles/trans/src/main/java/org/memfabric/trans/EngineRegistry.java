package org.memfabric.trans;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.memfabric.api.DuplicateObjectException;

/**
 * The unique ids of the engines alive in this process (one engine per unique id per process, as the original), shared
 * by every {@link TransferServiceImpl} of the process. Thread-safe.
 */
final class EngineRegistry {
    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

    private EngineRegistry() {
    }

    /**
     * Claims an id.
     *
     * @throws DuplicateObjectException when an engine of this process already has it
     */
    static void claim(final String uniqueId) {
        if (!IDS.add(uniqueId)) {
            throw new DuplicateObjectException("trans engine with this unique id already exists in this process: "
                + "uniqueId=" + uniqueId);
        }
    }

    static void release(final String uniqueId) {
        IDS.remove(uniqueId);
    }
}
