package org.memfabric.itests;

import static org.junit.Assert.fail;

/**
 * Assertions over problem descriptions (null means no problem), so that a failure message says what was wrong and
 * nothing else.
 */
final class Problems {
    private Problems() {
    }

    /**
     * Fails when there is a problem.
     *
     * @param what what was checked, e.g. "MemFabric bundles not ACTIVE in Felix"
     * @param problem null, or the description of what is wrong
     */
    static void assertNone(final String what, final String problem) {
        if (problem != null) {
            fail(what + ":\n" + problem);
        }
    }
}
