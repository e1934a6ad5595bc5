package org.memfabric.transport.shm;

import java.util.UUID;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.memory.SegmentDescriptor;
import org.memfabric.transport.spi.EndpointAddress;

/**
 * An shm endpoint's address: everything a same-host peer needs to map the endpoint's control segment, as printable
 * text {@code shm://<bootId>/<pid>/<fd>/<inode>/<sizeBytes>/<nonceHex>}. The nonce is the control segment's random
 * nonce, which is also in its memfd name and in the table header, so a stale address whose fd was reused is refused.
 * Immutable.
 */
final class ShmAddress {
    private static final String SCHEME = "shm://";

    private final SegmentDescriptor control;

    ShmAddress(final SegmentDescriptor control) {
        this.control = control;
    }

    /** The descriptor of the control segment the address names. */
    SegmentDescriptor control() {
        return control;
    }

    EndpointAddress toEndpointAddress() {
        return EndpointAddress.ofText(SCHEME + control.bootId() + "/" + control.pid() + "/" + control.fd() + "/"
            + control.inode() + "/" + control.sizeBytes() + "/" + String.format("%016x", control.nonce()));
    }

    /**
     * Parses an address.
     *
     * @throws InvalidArgumentException when the text is not an shm address
     */
    static ShmAddress parse(final EndpointAddress address) {
        final String text = address.toString();
        final String[] parts = text.startsWith(SCHEME) ? text.substring(SCHEME.length()).split("/", -1) : new String[0];
        if (parts.length != 6) {
            throw malformed(text, null);
        }
        try {
            return new ShmAddress(new SegmentDescriptor(UUID.fromString(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]), Long.parseLong(parts[4]), Long.parseLong(parts[3]),
                Long.parseUnsignedLong(parts[5], 16), ControlTableDescriptor.CONTROL_SEGMENT_LABEL));
        } catch (final IllegalArgumentException e) {
            throw malformed(text, e);
        }
    }

    private static InvalidArgumentException malformed(final String text, final Exception cause) {
        return LastError.record(new InvalidArgumentException("malformed shm endpoint address, expected "
            + "shm://<bootId>/<pid>/<fd>/<inode>/<sizeBytes>/<nonceHex>: transport=shm, address=" + text, cause));
    }
}
