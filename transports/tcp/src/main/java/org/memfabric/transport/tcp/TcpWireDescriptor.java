package org.memfabric.transport.tcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.memfabric.transport.spi.RegionAccessException.Refusal;

/**
 * The wire protocol of the TCP transport, version {@value #PROTOCOL_MAJOR}.{@value #PROTOCOL_MINOR}: offsets, sizes,
 * codes and the encoders and checks both sides share. All numbers are <b>big-endian</b> (network order); every frame
 * has a fixed-size header, so a reader always knows how many bytes come next.
 *
 * <p>A link is one TCP connection from a requester endpoint to an owner endpoint. It starts with a handshake, then
 * carries requests from the requester and responses from the owner, answered strictly in request order.
 *
 * <p><b>Hello</b>, requester to owner, once per link:
 * <pre>
 *  offset  size  field
 *  0       4     magic 0x4D465443 ("MFTC")
 *  4       1     protocol major version
 *  5       1     protocol minor version
 *  6       2     a = requester endpoint address length in bytes, 1..1024 (unsigned)
 *  8       4     requester rank, or -1
 *  12      4     reserved, 0
 *  16      a     requester endpoint address (its printable host:port)
 * </pre>
 *
 * <p><b>Welcome</b>, owner to requester, once per link:
 * <pre>
 *  offset  size  field
 *  0       4     magic 0x4D465443 ("MFTC")
 *  4       1     protocol major version of the owner
 *  5       1     protocol minor version of the owner
 *  6       1     status: 0 accepted, 1 refused because the major versions differ (the owner closes the link)
 *  7       1     reserved, 0
 *  8       4     owner rank, or -1
 *  12      4     largest chunk the owner accepts, in bytes
 *  16      4     owner incarnation: random, new each time an endpoint opens; the high half of its region ids
 *  20      4     reserved, 0
 *  24            end
 * </pre>
 * A hello with another magic, an address length outside 1..1024 or a truncated frame makes the owner close the link
 * without a reply.
 *
 * <p><b>Request</b>, requester to owner, one per chunk:
 * <pre>
 *  offset  size  field
 *  0       1     opcode: 1 WRITE (payload follows), 2 READ
 *  1       1     flags: bit 0 CHAINED = "skip me if the previous request on this link did not succeed"
 *  2       2     reserved, 0
 *  4       4     n = chunk length in bytes, 0..(largest chunk the owner accepts)
 *  8       8     request id (the requester's running number on this link)
 *  16      8     region id
 *  24      8     access key
 *  32      8     remote offset of this chunk in the region
 *  40      8     op end offset: remote offset + size of the whole operation the chunk belongs to
 *  48      n     WRITE only: the payload
 * </pre>
 * An unknown opcode or flag, non-zero reserved bytes, a chunk length above the owner's limit or an op end before the
 * chunk's end is a protocol violation: the owner closes the link without a reply and touches no memory.
 *
 * <p><b>Response</b>, owner to requester, one per request, in request order:
 * <pre>
 *  offset  size  field
 *  0       8     request id, echoed
 *  8       1     status: 0 OK, 1 UNKNOWN_REGION, 2 KEY_MISMATCH, 3 OUT_OF_BOUNDS, 4 SKIPPED (chain broken)
 *  9       1     reserved, 0
 *  10      2     m = message length in bytes, 0..{@value #MAX_MESSAGE_BYTES} (0 when OK)
 *  12      4     p = payload length in bytes: n for an accepted READ, else 0
 *  16      m     refusal message, UTF-8, "what: key=value, ..."
 *  16+m    p     READ only: the payload
 * </pre>
 *
 * <p>The owner checks region id, key and bounds (chunk and whole op inside the registered length) against its region
 * table before touching memory; a refused WRITE's payload is read and dropped so the link stays in step.
 */
final class TcpWireDescriptor {
    /** Magic at offset 0 of hello and welcome: "MFTC". */
    static final int MAGIC = 0x4D465443;
    /** Protocol major version; a peer with another major version is refused. */
    static final int PROTOCOL_MAJOR = 1;
    /** Protocol minor version; a newer minor may only use reserved fields whose zero value means "as before". */
    static final int PROTOCOL_MINOR = 0;
    /** Byte order of every number on the wire. */
    static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    /** Largest endpoint address in a hello, in bytes. */
    static final int MAX_ADDRESS_BYTES = 1024;
    /** Largest refusal message, in bytes. */
    static final int MAX_MESSAGE_BYTES = 512;

    // hello
    static final int HELLO_MAGIC_OFFSET = 0;
    static final int HELLO_MAJOR_OFFSET = HELLO_MAGIC_OFFSET + Integer.BYTES;
    static final int HELLO_MINOR_OFFSET = HELLO_MAJOR_OFFSET + 1;
    static final int HELLO_ADDRESS_LENGTH_OFFSET = HELLO_MINOR_OFFSET + 1;
    static final int HELLO_RANK_OFFSET = HELLO_ADDRESS_LENGTH_OFFSET + Short.BYTES;
    static final int HELLO_RESERVED_OFFSET = HELLO_RANK_OFFSET + Integer.BYTES;
    static final int HELLO_FIXED_LENGTH = HELLO_RESERVED_OFFSET + Integer.BYTES;

    // welcome
    static final int WELCOME_MAGIC_OFFSET = 0;
    static final int WELCOME_MAJOR_OFFSET = WELCOME_MAGIC_OFFSET + Integer.BYTES;
    static final int WELCOME_MINOR_OFFSET = WELCOME_MAJOR_OFFSET + 1;
    static final int WELCOME_STATUS_OFFSET = WELCOME_MINOR_OFFSET + 1;
    static final int WELCOME_RESERVED_OFFSET = WELCOME_STATUS_OFFSET + 1;
    static final int WELCOME_RANK_OFFSET = WELCOME_RESERVED_OFFSET + 1;
    static final int WELCOME_MAX_CHUNK_OFFSET = WELCOME_RANK_OFFSET + Integer.BYTES;
    static final int WELCOME_INCARNATION_OFFSET = WELCOME_MAX_CHUNK_OFFSET + Integer.BYTES;
    static final int WELCOME_RESERVED2_OFFSET = WELCOME_INCARNATION_OFFSET + Integer.BYTES;
    static final int WELCOME_LENGTH = WELCOME_RESERVED2_OFFSET + Integer.BYTES;
    static final byte WELCOME_ACCEPTED = 0;
    static final byte WELCOME_VERSION_REFUSED = 1;

    // request
    static final int REQUEST_OPCODE_OFFSET = 0;
    static final int REQUEST_FLAGS_OFFSET = REQUEST_OPCODE_OFFSET + 1;
    static final int REQUEST_RESERVED_OFFSET = REQUEST_FLAGS_OFFSET + 1;
    static final int REQUEST_LENGTH_OFFSET = REQUEST_RESERVED_OFFSET + Short.BYTES;
    static final int REQUEST_ID_OFFSET = REQUEST_LENGTH_OFFSET + Integer.BYTES;
    static final int REQUEST_REGION_ID_OFFSET = REQUEST_ID_OFFSET + Long.BYTES;
    static final int REQUEST_KEY_OFFSET = REQUEST_REGION_ID_OFFSET + Long.BYTES;
    static final int REQUEST_REMOTE_OFFSET_OFFSET = REQUEST_KEY_OFFSET + Long.BYTES;
    static final int REQUEST_OP_END_OFFSET = REQUEST_REMOTE_OFFSET_OFFSET + Long.BYTES;
    static final int REQUEST_HEADER_LENGTH = REQUEST_OP_END_OFFSET + Long.BYTES;
    static final byte OPCODE_WRITE = 1;
    static final byte OPCODE_READ = 2;
    static final byte FLAG_CHAINED = 1;
    static final int KNOWN_FLAGS = FLAG_CHAINED;

    // response
    static final int RESPONSE_ID_OFFSET = 0;
    static final int RESPONSE_STATUS_OFFSET = RESPONSE_ID_OFFSET + Long.BYTES;
    static final int RESPONSE_RESERVED_OFFSET = RESPONSE_STATUS_OFFSET + 1;
    static final int RESPONSE_MESSAGE_LENGTH_OFFSET = RESPONSE_RESERVED_OFFSET + 1;
    static final int RESPONSE_PAYLOAD_LENGTH_OFFSET = RESPONSE_MESSAGE_LENGTH_OFFSET + Short.BYTES;
    static final int RESPONSE_HEADER_LENGTH = RESPONSE_PAYLOAD_LENGTH_OFFSET + Integer.BYTES;
    static final byte STATUS_OK = 0;
    static final byte STATUS_UNKNOWN_REGION = 1;
    static final byte STATUS_KEY_MISMATCH = 2;
    static final byte STATUS_OUT_OF_BOUNDS = 3;
    static final byte STATUS_SKIPPED = 4;

    private TcpWireDescriptor() {
    }

    /** A zeroed buffer for one frame header, in wire byte order. */
    static ByteBuffer allocateHeader(final int lengthBytes) {
        return ByteBuffer.allocateDirect(lengthBytes).order(ORDER);
    }

    /** A hello frame (fixed part and address), ready for writing. */
    static ByteBuffer encodeHello(final byte[] requesterAddress, final int requesterRank) {
        final ByteBuffer out = ByteBuffer.allocate(HELLO_FIXED_LENGTH + requesterAddress.length).order(ORDER);
        out.putInt(HELLO_MAGIC_OFFSET, MAGIC)
            .put(HELLO_MAJOR_OFFSET, (byte) PROTOCOL_MAJOR)
            .put(HELLO_MINOR_OFFSET, (byte) PROTOCOL_MINOR)
            .putShort(HELLO_ADDRESS_LENGTH_OFFSET, (short) requesterAddress.length)
            .putInt(HELLO_RANK_OFFSET, requesterRank)
            .putInt(HELLO_RESERVED_OFFSET, 0);
        out.position(HELLO_FIXED_LENGTH);
        out.put(requesterAddress);
        return out.flip();
    }

    /**
     * Checks a received hello header.
     *
     * @return null when acceptable, else what is wrong in {@code what: key=value} form
     */
    static String checkHelloHeader(final ByteBuffer hello) {
        final int magic = hello.getInt(HELLO_MAGIC_OFFSET);
        if (magic != MAGIC) {
            return "hello has a wrong magic: expected=0x" + Integer.toHexString(MAGIC) + ", found=0x"
                + Integer.toHexString(magic);
        }
        final int addressBytes = Short.toUnsignedInt(hello.getShort(HELLO_ADDRESS_LENGTH_OFFSET));
        if (addressBytes < 1 || addressBytes > MAX_ADDRESS_BYTES) {
            return "hello has a bad address length: addressLengthBytes=" + addressBytes;
        }
        return null;
    }

    /** Fills a welcome into {@code out} (capacity {@link #WELCOME_LENGTH}) and flips it for writing. */
    static ByteBuffer encodeWelcome(final ByteBuffer out, final byte status, final int ownerRank,
        final int maxChunkBytes, final int incarnation) {
        out.clear();
        out.putInt(WELCOME_MAGIC_OFFSET, MAGIC)
            .put(WELCOME_MAJOR_OFFSET, (byte) PROTOCOL_MAJOR)
            .put(WELCOME_MINOR_OFFSET, (byte) PROTOCOL_MINOR)
            .put(WELCOME_STATUS_OFFSET, status)
            .put(WELCOME_RESERVED_OFFSET, (byte) 0)
            .putInt(WELCOME_RANK_OFFSET, ownerRank)
            .putInt(WELCOME_MAX_CHUNK_OFFSET, maxChunkBytes)
            .putInt(WELCOME_INCARNATION_OFFSET, incarnation)
            .putInt(WELCOME_RESERVED2_OFFSET, 0);
        return out.limit(WELCOME_LENGTH).position(0);
    }

    /**
     * Checks a received welcome.
     *
     * @return null when the link may be used, else what is wrong in {@code what: key=value} form
     */
    static String checkWelcome(final ByteBuffer welcome) {
        final int magic = welcome.getInt(WELCOME_MAGIC_OFFSET);
        if (magic != MAGIC) {
            return "welcome has a wrong magic, the peer does not speak the memfabric tcp protocol: expected=0x"
                + Integer.toHexString(MAGIC) + ", found=0x" + Integer.toHexString(magic);
        }
        final int major = Byte.toUnsignedInt(welcome.get(WELCOME_MAJOR_OFFSET));
        final int minor = Byte.toUnsignedInt(welcome.get(WELCOME_MINOR_OFFSET));
        final byte status = welcome.get(WELCOME_STATUS_OFFSET);
        if (major != PROTOCOL_MAJOR || status == WELCOME_VERSION_REFUSED) {
            return "tcp protocol not compatible: app=" + PROTOCOL_MAJOR + "." + PROTOCOL_MINOR + ", peer=" + major
                + "." + minor;
        }
        if (status != WELCOME_ACCEPTED) {
            return "welcome has an unknown status: status=" + status;
        }
        final int maxChunkBytes = welcome.getInt(WELCOME_MAX_CHUNK_OFFSET);
        if (maxChunkBytes < 1) {
            return "welcome has a bad chunk limit: maxChunkBytes=" + maxChunkBytes;
        }
        return null;
    }

    /** Fills a request header into {@code out} (capacity {@link #REQUEST_HEADER_LENGTH}), ready for writing. */
    static void encodeRequest(final ByteBuffer out, final byte opcode, final boolean chained, final int lengthBytes,
        final long requestId, final long regionId, final long key, final long remoteOffset,
        final long opEndOffset) {
        out.clear();
        out.put(REQUEST_OPCODE_OFFSET, opcode)
            .put(REQUEST_FLAGS_OFFSET, chained ? FLAG_CHAINED : 0)
            .putShort(REQUEST_RESERVED_OFFSET, (short) 0)
            .putInt(REQUEST_LENGTH_OFFSET, lengthBytes)
            .putLong(REQUEST_ID_OFFSET, requestId)
            .putLong(REQUEST_REGION_ID_OFFSET, regionId)
            .putLong(REQUEST_KEY_OFFSET, key)
            .putLong(REQUEST_REMOTE_OFFSET_OFFSET, remoteOffset)
            .putLong(REQUEST_OP_END_OFFSET, opEndOffset);
    }

    /**
     * Checks the framing of a received request header: what the owner must see before it looks at any region.
     *
     * @param maxChunkBytes the largest chunk the owner accepts
     * @return null when well-formed, else the protocol violation in {@code what: key=value} form
     */
    static String checkRequestHeader(final ByteBuffer header, final int maxChunkBytes) {
        final byte opcode = header.get(REQUEST_OPCODE_OFFSET);
        if (opcode != OPCODE_WRITE && opcode != OPCODE_READ) {
            return "request has an unknown opcode: opcode=" + opcode;
        }
        final int flags = Byte.toUnsignedInt(header.get(REQUEST_FLAGS_OFFSET));
        if ((flags & ~KNOWN_FLAGS) != 0 || header.getShort(REQUEST_RESERVED_OFFSET) != 0) {
            return "request has unknown flags or reserved bits: flags=" + flags + ", reserved="
                + header.getShort(REQUEST_RESERVED_OFFSET);
        }
        final int lengthBytes = header.getInt(REQUEST_LENGTH_OFFSET);
        if (lengthBytes < 0 || lengthBytes > maxChunkBytes) {
            return "request chunk length out of range: lengthBytes=" + Integer.toUnsignedString(lengthBytes)
                + ", maxChunkBytes=" + maxChunkBytes;
        }
        final long remoteOffset = header.getLong(REQUEST_REMOTE_OFFSET_OFFSET);
        final long opEndOffset = header.getLong(REQUEST_OP_END_OFFSET);
        if (remoteOffset >= 0 && (opEndOffset < remoteOffset || opEndOffset - remoteOffset < lengthBytes)) {
            return "request op end lies before the chunk end: remoteOffset=" + remoteOffset + ", lengthBytes="
                + lengthBytes + ", opEndOffset=" + opEndOffset;
        }
        return null;
    }

    /** Fills a response header into {@code out} (capacity {@link #RESPONSE_HEADER_LENGTH}), ready for writing. */
    static ByteBuffer encodeResponse(final ByteBuffer out, final long requestId, final byte status,
        final int messageBytes, final int payloadBytes) {
        out.clear();
        out.putLong(RESPONSE_ID_OFFSET, requestId)
            .put(RESPONSE_STATUS_OFFSET, status)
            .put(RESPONSE_RESERVED_OFFSET, (byte) 0)
            .putShort(RESPONSE_MESSAGE_LENGTH_OFFSET, (short) messageBytes)
            .putInt(RESPONSE_PAYLOAD_LENGTH_OFFSET, payloadBytes);
        return out;
    }

    /** The wire status of a refusal. */
    static byte statusOf(final Refusal refusal) {
        switch (refusal) {
            case UNKNOWN_REGION:
                return STATUS_UNKNOWN_REGION;
            case KEY_MISMATCH:
                return STATUS_KEY_MISMATCH;
            default:
                return STATUS_OUT_OF_BOUNDS;
        }
    }

    /**
     * The refusal of a wire status other than OK and SKIPPED.
     *
     * @return the refusal, or null for an unknown status
     */
    static Refusal refusalOf(final byte status) {
        switch (status) {
            case STATUS_UNKNOWN_REGION:
                return Refusal.UNKNOWN_REGION;
            case STATUS_KEY_MISMATCH:
                return Refusal.KEY_MISMATCH;
            case STATUS_OUT_OF_BOUNDS:
                return Refusal.OUT_OF_BOUNDS;
            default:
                return null;
        }
    }
}
