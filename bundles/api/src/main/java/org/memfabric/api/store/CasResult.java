package org.memfabric.api.store;

import java.util.Arrays;

/**
 * The outcome of {@link ConfigStore#cas}: whether the swap happened and the value that was current before it
 * (empty for an absent key). As in the original, success means "the previous value equals the expected one".
 */
public final class CasResult {
    private final boolean swapped;
    private final byte[] previous;

    /**
     * Creates a result.
     *
     * @param swapped whether the new value was stored
     * @param previous the value before the call (empty when absent)
     */
    public CasResult(final boolean swapped, final byte[] previous) {
        this.swapped = swapped;
        this.previous = previous == null ? new byte[0] : previous.clone();
    }

    /**
     * Whether the new value was stored.
     *
     * @return true on success
     */
    public boolean swapped() {
        return swapped;
    }

    /**
     * The value before the call.
     *
     * @return a copy of the previous value (empty when absent)
     */
    public byte[] previous() {
        return previous.clone();
    }

    @Override
    public String toString() {
        return "CasResult[swapped=" + swapped + ", previous=" + Arrays.toString(previous) + "]";
    }
}
