package org.memfabric.api.trans;

import java.util.Locale;

import org.memfabric.api.Validate;

/**
 * Roles of a transfer engine ({@code smem_trans_role_t}). Unlike the original, SENDER, RECEIVER and BOTH all work
 * and every engine can find every other one by its unique id:
 * <ul>
 *   <li>{@link #SENDER} initiates reads and writes; the memory it registers is its own local source and destination
 *       and is not offered to peers;</li>
 *   <li>{@link #RECEIVER} offers the memory it registers to peers and does not initiate transfers;</li>
 *   <li>{@link #BOTH} does both;</li>
 *   <li>{@link #NONE} can do neither and is refused by {@code create}.</li>
 * </ul>
 */
public enum TransRole {
    /** No particular role (0). */
    NONE(0),
    /** Sender, the Python role {@code "Prefill"} (1). */
    SENDER(1),
    /** Receiver, the Python role {@code "Decode"} (2). */
    RECEIVER(2),
    /** Sender and receiver (3). */
    BOTH(3);

    private final int code;

    TransRole(final int code) {
        this.code = code;
    }

    /**
     * The numeric value of the C enum.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Maps a role name: the enum names (any case) and the Python adapter's {@code "Prefill"} and {@code "Decode"}.
     *
     * @param name the name
     * @return the role
     */
    public static TransRole parse(final String name) {
        Validate.notEmpty("role", name);
        final String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "PREFILL":
                return SENDER;
            case "DECODE":
                return RECEIVER;
            default:
                for (final TransRole r : values()) {
                    if (r.name().equals(n)) {
                        return r;
                    }
                }
                Validate.isTrue(false, "role must be NONE, SENDER, RECEIVER, BOTH, Prefill or Decode: role=" + name);
                return NONE;
        }
    }
}
