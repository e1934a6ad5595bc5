package org.memfabric.configstore.wire;

import org.memfabric.api.store.ConfigStore;

/**
 * Size limits shared by the client and the server, so that whatever one side may send the other accepts.
 *
 * <p>The original accepted values of 64 MiB in its store message but broke links whose frame body exceeded 10 MiB;
 * here a single body limit fits the largest legal message (a CAS with two 64 MiB values).
 */
public final class WireLimits {
    /** Largest key in bytes (the original client's limit; the server applies the same one). */
    public static final int MAX_KEY_BYTES = ConfigStore.MAX_KEY_BYTES;
    /** Largest value in bytes. */
    public static final int MAX_VALUE_BYTES = ConfigStore.MAX_VALUE_BYTES;
    /** Most keys, and most values, in one message. */
    public static final int MAX_ENTRIES = 10;
    /** Largest key length the decoder accepts (the original server's limit); longer keys are malformed messages. */
    public static final int MAX_DECODED_KEY_BYTES = 2048;
    /** Largest frame body: two full values plus keys and framing. */
    public static final int MAX_BODY_BYTES = 2 * MAX_VALUE_BYTES + 64 * 1024;
    /** Frame header {@code type} slots the framing layer accepts (0..47). */
    public static final int MAX_FRAME_TYPE = 47;

    private WireLimits() {
    }
}
