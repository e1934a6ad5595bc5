package org.memfabric.transport.shm;

import static org.memfabric.transport.shm.ControlTableDescriptor.ENDPOINT_NONCE_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.ENDPOINT_STATE_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.MAGIC_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.MAJOR_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.MINOR_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.OWNER_PID_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_COUNT_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_IN_FLIGHT_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_KEY_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_LENGTH_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_REGION_ID_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_SEGMENT_NONCE_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_SEGMENT_OFFSET_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_SIZE_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.SLOT_STATE_OFFSET;
import static org.memfabric.transport.shm.ControlTableDescriptor.slotOffset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Typed access to a mapped control segment laid out as {@link ControlTableDescriptor} describes, with the memory
 * ordering each field needs. The owner's thread that holds a slot writes it; any requester thread of any process
 * reads it; the in-flight counts are updated atomically by requesters and read by the owner. The methods name their
 * ordering: {@code *Acquire}, {@code *Release}, {@code *Volatile}, plain otherwise.
 */
final class ControlTable {
    private static final VarHandle INT =
        MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
        MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORT =
        MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private final ByteBuffer memory;

    /** Wraps the whole control segment, mapped by the owner or a requester. */
    ControlTable(final ByteBuffer memory) {
        this.memory = memory;
    }

    // ---- header, written once by the owner before the address is published, except the endpoint state

    void initialise(final int ownerPid, final long endpointNonce) {
        INT.set(memory, MAGIC_OFFSET, ControlTableDescriptor.MAGIC);
        SHORT.set(memory, MAJOR_OFFSET, (short) ControlTableDescriptor.LAYOUT_MAJOR);
        SHORT.set(memory, MINOR_OFFSET, (short) ControlTableDescriptor.LAYOUT_MINOR);
        INT.set(memory, OWNER_PID_OFFSET, ownerPid);
        LONG.set(memory, ENDPOINT_NONCE_OFFSET, endpointNonce);
        INT.set(memory, SLOT_COUNT_OFFSET, ControlTableDescriptor.SLOT_COUNT);
        INT.set(memory, SLOT_SIZE_OFFSET, ControlTableDescriptor.SLOT_BYTES);
        INT.setVolatile(memory, ENDPOINT_STATE_OFFSET, ControlTableDescriptor.ENDPOINT_OPEN);
    }

    int magic() {
        return (int) INT.getAcquire(memory, MAGIC_OFFSET);
    }

    int layoutMajor() {
        return (short) SHORT.get(memory, MAJOR_OFFSET);
    }

    int layoutMinor() {
        return (short) SHORT.get(memory, MINOR_OFFSET);
    }

    int ownerPid() {
        return (int) INT.get(memory, OWNER_PID_OFFSET);
    }

    long endpointNonce() {
        return (long) LONG.get(memory, ENDPOINT_NONCE_OFFSET);
    }

    int slotCount() {
        return (int) INT.get(memory, SLOT_COUNT_OFFSET);
    }

    int slotBytes() {
        return (int) INT.get(memory, SLOT_SIZE_OFFSET);
    }

    int endpointStateAcquire() {
        return (int) INT.getAcquire(memory, ENDPOINT_STATE_OFFSET);
    }

    void endpointStateVolatile(final int state) {
        INT.setVolatile(memory, ENDPOINT_STATE_OFFSET, state);
    }

    // ---- slots

    /** Owner: fills a slot that is not REGISTERED, then publishes it with release semantics. */
    void publishSlot(final int index, final long regionId, final long key, final long lengthBytes,
        final long segmentOffsetBytes, final long segmentNonce) {
        final int slot = slotOffset(index);
        LONG.set(memory, slot + SLOT_REGION_ID_OFFSET, regionId);
        LONG.set(memory, slot + SLOT_KEY_OFFSET, key);
        LONG.set(memory, slot + SLOT_LENGTH_OFFSET, lengthBytes);
        LONG.set(memory, slot + SLOT_SEGMENT_OFFSET_OFFSET, segmentOffsetBytes);
        LONG.set(memory, slot + SLOT_SEGMENT_NONCE_OFFSET, segmentNonce);
        INT.setRelease(memory, slot + SLOT_STATE_OFFSET, ControlTableDescriptor.SLOT_REGISTERED);
    }

    /** Owner: stores a slot state with full (volatile) ordering, as retiring needs. */
    void slotStateVolatile(final int index, final int state) {
        INT.setVolatile(memory, slotOffset(index) + SLOT_STATE_OFFSET, state);
    }

    int slotStateAcquire(final int index) {
        return (int) INT.getAcquire(memory, slotOffset(index) + SLOT_STATE_OFFSET);
    }

    int inFlightVolatile(final int index) {
        return (int) INT.getVolatile(memory, slotOffset(index) + SLOT_IN_FLIGHT_OFFSET);
    }

    /** Requester: enters a slot's access bracket (a full fence). */
    void enterSlot(final int index) {
        INT.getAndAdd(memory, slotOffset(index) + SLOT_IN_FLIGHT_OFFSET, 1);
    }

    /** Requester: leaves a slot's access bracket. */
    void exitSlot(final int index) {
        INT.getAndAdd(memory, slotOffset(index) + SLOT_IN_FLIGHT_OFFSET, -1);
    }

    long slotRegionId(final int index) {
        return (long) LONG.get(memory, slotOffset(index) + SLOT_REGION_ID_OFFSET);
    }

    long slotKey(final int index) {
        return (long) LONG.get(memory, slotOffset(index) + SLOT_KEY_OFFSET);
    }

    long slotLengthBytes(final int index) {
        return (long) LONG.get(memory, slotOffset(index) + SLOT_LENGTH_OFFSET);
    }

    long slotSegmentOffsetBytes(final int index) {
        return (long) LONG.get(memory, slotOffset(index) + SLOT_SEGMENT_OFFSET_OFFSET);
    }

    long slotSegmentNonce(final int index) {
        return (long) LONG.get(memory, slotOffset(index) + SLOT_SEGMENT_NONCE_OFFSET);
    }
}
