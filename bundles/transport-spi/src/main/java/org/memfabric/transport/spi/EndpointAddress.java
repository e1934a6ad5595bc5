package org.memfabric.transport.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.memfabric.api.Validate;

/**
 * The address of a transport endpoint: opaque bytes whose meaning belongs to the transport (a registry key for the
 * in-process transport, {@code host:port} for TCP, GID and queue pair number for RDMA). Immutable; compares by
 * content; printed as text when the bytes are printable ASCII and as hex otherwise.
 */
public final class EndpointAddress {
    /** The largest address, in bytes. */
    public static final int MAX_LENGTH_BYTES = 1024;

    private final byte[] bytes;

    private EndpointAddress(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * An address made of bytes, which are copied.
     *
     * @param bytes 1..{@value #MAX_LENGTH_BYTES} bytes
     * @return the address
     */
    public static EndpointAddress of(final byte[] bytes) {
        Validate.notNull("address", bytes);
        Validate.inRange("addressLengthBytes", bytes.length, 1, MAX_LENGTH_BYTES);
        return new EndpointAddress(bytes.clone());
    }

    /**
     * An address made of the UTF-8 bytes of a text.
     *
     * @param text a non-empty text
     * @return the address
     */
    public static EndpointAddress ofText(final String text) {
        return of(Validate.notEmpty("address", text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * The number of bytes.
     *
     * @return the length in bytes
     */
    public int lengthBytes() {
        return bytes.length;
    }

    @Override
    public boolean equals(final Object other) {
        return this == other
            || other instanceof EndpointAddress && Arrays.equals(bytes, ((EndpointAddress) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * The address as text when every byte is printable ASCII, else {@code 0x} and lower-case hex.
     *
     * @return the printable form
     */
    @Override
    public String toString() {
        boolean printable = true;
        for (final byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        if (printable) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        final StringBuilder hex = new StringBuilder(2 + 2 * bytes.length).append("0x");
        for (final byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
