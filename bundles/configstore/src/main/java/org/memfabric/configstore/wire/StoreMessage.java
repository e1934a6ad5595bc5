package org.memfabric.configstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A packed store message, the body of requests and of some replies, byte-compatible with the original. Layout
 * version 0, little-endian, fixed part 34 bytes:
 *
 * <pre>
 *  +----------------------+----------------------+----------------+
 *  | totalSize (u64)      | userDef (i64)        | type (i16)     |   totalSize counts every byte, itself included
 *  +----------------------+----------------------+----------------+
 *  | keyCount (u64) | keyCount x ( length (u64) | key bytes )      |   keyCount   &lt;= 10, key   &lt;= 2048 bytes
 *  +----------------+-----------------------------------------------+
 *  | valueCount (u64) | valueCount x ( length (u64) | value bytes ) |   valueCount &lt;= 10, value &lt;= 64 MiB
 *  +------------------+---------------------------------------------+
 * </pre>
 *
 * {@code userDef} carries the GET timeout in milliseconds (and the watch sequence number of an
 * {@link MessageType#UNWATCH}); it is -1 otherwise. Immutable; the arrays it holds are not copied, so callers must
 * not change them after handing them over.
 */
public final class StoreMessage {
    /** Bytes of the fixed part. */
    public static final int FIXED_LENGTH = 8 + 8 + 2 + 8 + 8;

    private final MessageType type;
    private final long userDef;
    private final List<byte[]> keys;
    private final List<byte[]> values;

    /**
     * Creates a message.
     *
     * @param type the operation
     * @param userDef the user-defined field (GET timeout in ms, else -1)
     * @param keys the keys (at most 10)
     * @param values the values (at most 10)
     */
    public StoreMessage(final MessageType type, final long userDef, final List<byte[]> keys, final List<byte[]> values) {
        this.type = type;
        this.userDef = userDef;
        this.keys = Collections.unmodifiableList(new ArrayList<>(keys));
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
        if (this.keys.size() > WireLimits.MAX_ENTRIES || this.values.size() > WireLimits.MAX_ENTRIES) {
            throw new WireFormatException("store message has too many entries: keys=" + this.keys.size() + ", values="
                + this.values.size() + ", max=" + WireLimits.MAX_ENTRIES);
        }
    }

    /**
     * A message with one key and any values, {@code userDef} = -1.
     *
     * @param type the operation
     * @param key the key
     * @param values the values
     * @return the message
     */
    public static StoreMessage of(final MessageType type, final byte[] key, final byte[]... values) {
        return new StoreMessage(type, -1, List.of(key), List.of(values));
    }

    /**
     * A reply carrying values and no keys (GET, CAS and rank-down replies).
     *
     * @param type the request's operation
     * @param values the values
     * @return the message
     */
    public static StoreMessage reply(final MessageType type, final byte[]... values) {
        return new StoreMessage(type, -1, List.of(), List.of(values));
    }

    /**
     * The encoded length.
     *
     * @return bytes
     */
    public long encodedLength() {
        long total = FIXED_LENGTH;
        for (final byte[] k : keys) {
            total += 8 + k.length;
        }
        for (final byte[] v : values) {
            total += 8 + v.length;
        }
        return total;
    }

    /**
     * Encodes the message.
     *
     * @return the bytes
     */
    public byte[] encode() {
        final long length = encodedLength();
        if (length > WireLimits.MAX_BODY_BYTES) {
            throw new WireFormatException(
                "store message too large: bytes=" + length + ", max=" + WireLimits.MAX_BODY_BYTES);
        }
        final ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(length).putLong(userDef).putShort(type.code());
        putAll(b, keys);
        putAll(b, values);
        return b.array();
    }

    private static void putAll(final ByteBuffer b, final List<byte[]> entries) {
        b.putLong(entries.size());
        for (final byte[] e : entries) {
            b.putLong(e.length).put(e);
        }
    }

    /**
     * Decodes a message, checking every limit of the original decoder.
     *
     * @param body the frame body
     * @return the message
     * @throws WireFormatException naming what is wrong
     */
    public static StoreMessage decode(final byte[] body) {
        if (body.length < FIXED_LENGTH) {
            throw new WireFormatException(
                "store message truncated: length=" + body.length + ", minimum=" + FIXED_LENGTH);
        }
        final ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        final long totalSize = b.getLong();
        if (totalSize != body.length) {
            throw new WireFormatException(
                "store message size field disagrees with the body: totalSize=" + Long.toUnsignedString(totalSize)
                    + ", bodyLength=" + body.length);
        }
        final long userDef = b.getLong();
        final short code = b.getShort();
        final MessageType type = MessageType.fromCode(code);
        if (type == null) {
            throw new WireFormatException("store message type unknown: type=" + code);
        }
        final List<byte[]> keys = readAll(b, "key", WireLimits.MAX_DECODED_KEY_BYTES);
        final List<byte[]> values = readAll(b, "value", WireLimits.MAX_VALUE_BYTES);
        if (b.hasRemaining()) {
            throw new WireFormatException("store message has trailing bytes: trailing=" + b.remaining());
        }
        return new StoreMessage(type, userDef, keys, values);
    }

    private static List<byte[]> readAll(final ByteBuffer b, final String what, final int maxLength) {
        if (b.remaining() < 8) {
            throw new WireFormatException("store message truncated before the " + what + " count: remaining="
                + b.remaining());
        }
        final long count = b.getLong();
        if (count < 0 || count > WireLimits.MAX_ENTRIES) {
            throw new WireFormatException("store message " + what + " count out of range: count="
                + Long.toUnsignedString(count) + ", max=" + WireLimits.MAX_ENTRIES);
        }
        final List<byte[]> entries = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 8) {
                throw new WireFormatException("store message truncated before a " + what + " length: index=" + i
                    + ", remaining=" + b.remaining());
            }
            final long length = b.getLong();
            if (length < 0 || length > maxLength) {
                throw new WireFormatException("store message " + what + " too long: index=" + i + ", length="
                    + Long.toUnsignedString(length) + ", max=" + maxLength);
            }
            if (length > b.remaining()) {
                throw new WireFormatException("store message " + what + " runs past the body: index=" + i
                    + ", length=" + length + ", remaining=" + b.remaining());
            }
            final byte[] entry = new byte[(int) length];
            b.get(entry);
            entries.add(entry);
        }
        return entries;
    }

    /**
     * The operation.
     *
     * @return the type
     */
    public MessageType type() {
        return type;
    }

    /**
     * The user-defined field.
     *
     * @return GET timeout in ms, watch sequence number, or -1
     */
    public long userDef() {
        return userDef;
    }

    /**
     * The keys.
     *
     * @return an unmodifiable list
     */
    public List<byte[]> keys() {
        return keys;
    }

    /**
     * The values.
     *
     * @return an unmodifiable list
     */
    public List<byte[]> values() {
        return values;
    }

    @Override
    public String toString() {
        return "StoreMessage[type=" + type + ", userDef=" + userDef + ", keys=" + keys.size() + ", values="
            + values.size() + "]";
    }
}
