package org.memfabric.transport.shm;

import org.memfabric.memory.Segment;

/**
 * The layout of an shm endpoint's control segment: the region table that the owner writes and requesters map.
 * All fields are in native byte order (owner and requesters share one kernel and one CPU architecture) and aligned
 * to their size, so that they can be read and written atomically through
 * {@link java.lang.invoke.MethodHandles#byteBufferViewVarHandle}.
 *
 * <pre>
 *  Header (offset 0, {@value #HEADER_BYTES} bytes)
 *  +--------+------+-----------------------------------------------------------------+
 *  | offset | size | field                                                           |
 *  +--------+------+-----------------------------------------------------------------+
 *  |   0    |  4   | magic 0x4D465354 ("MFST")                                       |
 *  |   4    |  2   | layout major version                                            |
 *  |   6    |  2   | layout minor version                                            |
 *  |   8    |  4   | owner pid                                                       |
 *  |  12    |  4   | endpoint state: 1 OPEN, 2 CLOSED (written last, with release)   |
 *  |  16    |  8   | endpoint nonce (also the control segment's nonce)               |
 *  |  24    |  4   | slot count                                                      |
 *  |  28    |  4   | slot size in bytes                                              |
 *  |  32    | 96   | reserved, zero                                                  |
 *  +--------+------+-----------------------------------------------------------------+
 *  Slot i (offset {@value #HEADER_BYTES} + i * {@value #SLOT_BYTES}; one cache line each, so requesters of
 *  different regions never share a line)
 *  +--------+------+-----------------------------------------------------------------+
 *  |   0    |  8   | region id = (registration sequence &lt;&lt; 32) | i                      |
 *  |   8    |  8   | access key                                                      |
 *  |  16    |  8   | region length in bytes                                          |
 *  |  24    |  8   | offset of the region in its data segment                        |
 *  |  32    |  8   | nonce of the data segment                                       |
 *  |  40    |  4   | state: 0 FREE, 1 REGISTERED, 2 RETIRED, 3 QUARANTINED           |
 *  |  44    |  4   | in-flight count: requesters between their check and copy's end  |
 *  |  48    | 16   | reserved, zero                                                  |
 *  +--------+------+-----------------------------------------------------------------+
 * </pre>
 *
 * <p>Protocol. The owner fills a slot's fields while it is not REGISTERED, then stores REGISTERED with release
 * semantics. A requester increments the in-flight count (a full fence), then reads the endpoint state and the slot
 * state with acquire semantics and checks id, key and bounds before copying, and decrements the count after the
 * copy. To retire a slot the owner stores RETIRED (volatile) and waits until the in-flight count reads zero: a
 * requester that incremented before the store is waited for, one that incremented after it reads RETIRED and
 * refuses. Slots whose wait times out (a requester died inside a copy) are QUARANTINED and never reused. Region ids
 * carry a registration sequence, so re-registering the same memory never revalidates an old descriptor.
 */
final class ControlTableDescriptor {
    /** Magic number at offset 0: "MFST". */
    static final int MAGIC = 0x4D465354;
    /** Layout major version; requesters refuse a table of another major version. */
    static final int LAYOUT_MAJOR = 1;
    /** Layout minor version; newer minors only use reserved bytes. */
    static final int LAYOUT_MINOR = 0;

    static final int MAGIC_OFFSET = 0;
    static final int MAJOR_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    static final int MINOR_OFFSET = MAJOR_OFFSET + Short.BYTES;
    static final int OWNER_PID_OFFSET = MINOR_OFFSET + Short.BYTES;
    static final int ENDPOINT_STATE_OFFSET = OWNER_PID_OFFSET + Integer.BYTES;
    static final int ENDPOINT_NONCE_OFFSET = ENDPOINT_STATE_OFFSET + Integer.BYTES;
    static final int SLOT_COUNT_OFFSET = ENDPOINT_NONCE_OFFSET + Long.BYTES;
    static final int SLOT_SIZE_OFFSET = SLOT_COUNT_OFFSET + Integer.BYTES;
    /** Header size: two cache lines. */
    static final int HEADER_BYTES = 128;

    static final int SLOT_REGION_ID_OFFSET = 0;
    static final int SLOT_KEY_OFFSET = SLOT_REGION_ID_OFFSET + Long.BYTES;
    static final int SLOT_LENGTH_OFFSET = SLOT_KEY_OFFSET + Long.BYTES;
    static final int SLOT_SEGMENT_OFFSET_OFFSET = SLOT_LENGTH_OFFSET + Long.BYTES;
    static final int SLOT_SEGMENT_NONCE_OFFSET = SLOT_SEGMENT_OFFSET_OFFSET + Long.BYTES;
    static final int SLOT_STATE_OFFSET = SLOT_SEGMENT_NONCE_OFFSET + Long.BYTES;
    static final int SLOT_IN_FLIGHT_OFFSET = SLOT_STATE_OFFSET + Integer.BYTES;
    /** Slot size: one cache line. */
    static final int SLOT_BYTES = 64;

    /** The control segment's size: one segment granule. */
    static final long CONTROL_SEGMENT_BYTES = Segment.SEGMENT_GRANULARITY_BYTES;
    /** The control segment's label. */
    static final String CONTROL_SEGMENT_LABEL = "shm-control";
    /** Regions one endpoint can have registered at once. */
    static final int SLOT_COUNT = (int) ((CONTROL_SEGMENT_BYTES - HEADER_BYTES) / SLOT_BYTES);

    static final int ENDPOINT_OPEN = 1;
    static final int ENDPOINT_CLOSED = 2;

    static final int SLOT_FREE = 0;
    static final int SLOT_REGISTERED = 1;
    static final int SLOT_RETIRED = 2;
    static final int SLOT_QUARANTINED = 3;

    private ControlTableDescriptor() {
    }

    /** The offset of slot {@code index} from the segment base. */
    static int slotOffset(final int index) {
        return HEADER_BYTES + index * SLOT_BYTES;
    }

    /** The slot index a region id names (its low 32 bits), or -1 when outside the table. */
    static int slotIndex(final long regionId) {
        final int index = (int) regionId;
        return index >= 0 && index < SLOT_COUNT ? index : -1;
    }

    /** The region id of a registration: a sequence number above the slot index. */
    static long regionId(final int sequence, final int index) {
        return ((long) sequence << 32) | index;
    }

    /**
     * Checks a header a requester mapped: magic, major version, slot geometry, owner pid and nonce.
     *
     * @return null when compatible, else the reason in {@code what: key=value} form
     */
    static String checkHeader(final ControlTable table, final int expectedPid, final long expectedNonce) {
        final int magic = table.magic();
        if (magic != MAGIC) {
            return "shm control table has a wrong magic: expected=0x" + Integer.toHexString(MAGIC) + ", found=0x"
                + Integer.toHexString(magic);
        }
        if (table.layoutMajor() != LAYOUT_MAJOR) {
            return "shm control table layout not compatible: app=" + LAYOUT_MAJOR + "." + LAYOUT_MINOR + ", file="
                + table.layoutMajor() + "." + table.layoutMinor();
        }
        if (table.slotCount() != SLOT_COUNT || table.slotBytes() != SLOT_BYTES) {
            return "shm control table geometry differs: slotCount=" + table.slotCount() + ", slotBytes="
                + table.slotBytes() + ", expectedSlotCount=" + SLOT_COUNT + ", expectedSlotBytes=" + SLOT_BYTES;
        }
        if (table.ownerPid() != expectedPid || table.endpointNonce() != expectedNonce) {
            return "shm control table belongs to another endpoint: ownerPid=" + table.ownerPid() + ", expectedPid="
                + expectedPid;
        }
        return null;
    }
}
