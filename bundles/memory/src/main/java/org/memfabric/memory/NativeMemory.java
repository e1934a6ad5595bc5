package org.memfabric.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.memfabric.api.Validate;

/**
 * Native addresses of direct buffers and direct buffers over native addresses, through JNA. Stateless and
 * thread-safe.
 *
 * <p>A buffer made by {@link #view(long, int)} does not own its memory: it is valid exactly as long as the mapping
 * behind the address, which the caller (usually a {@link Segment}) keeps alive.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /**
     * The native address of a direct buffer's index 0 (its position is ignored).
     *
     * @param buffer a direct buffer
     * @return the address
     * @throws org.memfabric.api.InvalidArgumentException when the buffer is null or not direct
     */
    public static long address(final ByteBuffer buffer) {
        Validate.notNull("buffer", buffer);
        Validate.isTrue(buffer.isDirect(), "buffer must be direct: buffer=", buffer);
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    /**
     * A direct buffer over {@code lengthBytes} bytes at a native address: position 0, limit and capacity
     * {@code lengthBytes}, big-endian (the {@link ByteBuffer} default).
     *
     * @param address a non-zero native address the caller keeps mapped
     * @param lengthBytes the length, 0..{@link Integer#MAX_VALUE}
     * @return the view
     * @throws org.memfabric.api.InvalidArgumentException when the address is 0 or the length negative
     */
    public static ByteBuffer view(final long address, final int lengthBytes) {
        Validate.isTrue(address != 0, "address must not be 0: address=0x0");
        Validate.inRange("lengthBytes", lengthBytes, 0, Integer.MAX_VALUE);
        // JNA hands out native order; views read like every other new ByteBuffer, big-endian.
        return new Pointer(address).getByteBuffer(0, lengthBytes).order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * The id of this process.
     *
     * @return the pid
     */
    public static int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
