package org.memfabric.configstore.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.memfabric.api.store.StoreUrl;

/**
 * The original config store's wire format written out by hand, independent of {@link Handshake}, {@link FrameHeader}
 * and {@link StoreMessage}, so that tests compare our encoders with a second implementation of
 * memfabric-behaviour.md §1.2-1.3 rather than with themselves. Also a raw socket peer that speaks only such bytes.
 */
public final class RawWire {
    private RawWire() {
    }

    /**
     * Parses hex, ignoring spaces and underscores.
     *
     * @param text hex digits
     * @return the bytes
     */
    public static byte[] hex(final String text) {
        final String digits = text.replace(" ", "").replace("_", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: digits=" + digits.length());
        }
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * Formats bytes as lower-case hex.
     *
     * @param bytes the bytes
     * @return hex digits
     */
    public static String hex(final byte[] bytes) {
        final StringBuilder b = new StringBuilder(bytes.length * 2);
        for (final byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }

    /**
     * ASCII bytes.
     *
     * @param s the text
     * @return its bytes
     */
    public static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A little-endian byte writer, as the original's C structs lay integers out. */
    public static final class Le {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /**
         * Appends a 16-bit integer.
         *
         * @param v the value (low 16 bits)
         * @return this
         */
        public Le i16(final long v) {
            out.write((int) v & 0xFF);
            out.write((int) (v >>> 8) & 0xFF);
            return this;
        }

        /**
         * Appends a 32-bit integer.
         *
         * @param v the value (low 32 bits)
         * @return this
         */
        public Le u32(final long v) {
            i16(v);
            return i16(v >>> 16);
        }

        /**
         * Appends a 64-bit integer.
         *
         * @param v the value
         * @return this
         */
        public Le u64(final long v) {
            u32(v);
            return u32(v >>> 32);
        }

        /**
         * Appends raw bytes.
         *
         * @param b the bytes
         * @return this
         */
        public Le bytes(final byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        /**
         * The bytes written so far.
         *
         * @return a copy
         */
        public byte[] toArray() {
            return out.toByteArray();
        }
    }

    /**
     * A handshake request: {@code i16 magic, i16 version, 4 bytes padding, u64 (worldSize << 32) | rank}.
     *
     * @param magic the magic
     * @param version the version
     * @param worldSize the world size
     * @param rank the rank, {@code 0xFFFFFFFFL} for none
     * @return 16 bytes
     */
    public static byte[] handshake(final int magic, final int version, final long worldSize, final long rank) {
        return new Le().i16(magic).i16(version).u32(0).u32(rank).u32(worldSize).toArray();
    }

    /**
     * A frame header: {@code i16 type, i16 result, u32 bodyLength, u32 seqNo, u32 crc=0}.
     *
     * @param type the frame type slot
     * @param result the result code
     * @param bodyLength the announced body length
     * @param seqNo the sequence number
     * @return 16 bytes
     */
    public static byte[] header(final int type, final int result, final long bodyLength, final long seqNo) {
        return new Le().i16(type).i16(result).u32(bodyLength).u32(seqNo).u32(0).toArray();
    }

    /**
     * A whole frame.
     *
     * @param type the frame type slot
     * @param result the result code
     * @param seqNo the sequence number
     * @param body the body
     * @return header and body
     */
    public static byte[] frame(final int type, final int result, final long seqNo, final byte[] body) {
        return new Le().bytes(header(type, result, body.length, seqNo)).bytes(body).toArray();
    }

    /**
     * A packed store message with the correct {@code totalSize}.
     *
     * @param type the message type
     * @param userDef the user-defined field
     * @param keys the keys
     * @param values the values
     * @return the body
     */
    public static byte[] message(final int type, final long userDef, final List<byte[]> keys,
        final List<byte[]> values) {
        final byte[] rest = entries(keys, values);
        return new Le().u64(18L + rest.length).u64(userDef).i16(type).bytes(rest).toArray();
    }

    /**
     * The key and value sections of a packed message.
     *
     * @param keys the keys
     * @param values the values
     * @return {@code keyCount, keys, valueCount, values}
     */
    public static byte[] entries(final List<byte[]> keys, final List<byte[]> values) {
        final Le le = new Le().u64(keys.size());
        for (final byte[] k : keys) {
            le.u64(k.length).bytes(k);
        }
        le.u64(values.size());
        for (final byte[] v : values) {
            le.u64(v.length).bytes(v);
        }
        return le.toArray();
    }

    /**
     * A request with one ASCII key and any values, {@code userDef} = -1.
     *
     * @param type the message type
     * @param key the key
     * @param values the values
     * @return the body
     */
    public static byte[] request(final int type, final String key, final byte[]... values) {
        return message(type, -1, List.of(ascii(key)), List.of(values));
    }

    /**
     * A reply carrying values and no keys, {@code userDef} = -1 (the original's {@code SmemMessage(type)}).
     *
     * @param type the message type
     * @param values the values
     * @return the body
     */
    public static byte[] reply(final int type, final byte[]... values) {
        return message(type, -1, List.of(), List.of(values));
    }

    /**
     * A packed message read by hand.
     *
     * @param totalSize the size field
     * @param userDef the user-defined field
     * @param type the message type
     * @param keys the keys
     * @param values the values
     */
    public record Packed(long totalSize, long userDef, int type, List<byte[]> keys, List<byte[]> values) {
    }

    /**
     * Parses a well-formed packed message (test data only: no limit checks beyond the buffer's bounds).
     *
     * @param body the bytes
     * @return the parts
     */
    public static Packed parse(final byte[] body) {
        final ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        final long totalSize = b.getLong();
        final long userDef = b.getLong();
        final int type = b.getShort();
        final List<byte[]> keys = readEntries(b);
        final List<byte[]> values = readEntries(b);
        return new Packed(totalSize, userDef, type, keys, values);
    }

    private static List<byte[]> readEntries(final ByteBuffer b) {
        final long count = b.getLong();
        final List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            final byte[] e = new byte[(int) b.getLong()];
            b.get(e);
            out.add(e);
        }
        return out;
    }

    /**
     * A frame read from a raw socket.
     *
     * @param header the 16 header bytes as received
     * @param body the body
     */
    public record RawFrame(byte[] header, byte[] body) {
        /**
         * The type slot.
         *
         * @return the type
         */
        public int type() {
            return le().getShort(0);
        }

        /**
         * The result code.
         *
         * @return the result
         */
        public int result() {
            return le().getShort(2);
        }

        /**
         * The announced body length.
         *
         * @return bytes
         */
        public long bodyLength() {
            return Integer.toUnsignedLong(le().getInt(4));
        }

        /**
         * The sequence number.
         *
         * @return the unsigned sequence number
         */
        public long seqNo() {
            return Integer.toUnsignedLong(le().getInt(8));
        }

        /**
         * The crc field.
         *
         * @return the field
         */
        public long crc() {
            return Integer.toUnsignedLong(le().getInt(12));
        }

        /**
         * The body as text.
         *
         * @return UTF-8 text
         */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private ByteBuffer le() {
            return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Reads one frame from a stream.
     *
     * @param in the stream
     * @return the frame
     * @throws IOException on I/O failure or end of stream
     */
    public static RawFrame readFrame(final DataInputStream in) throws IOException {
        final byte[] header = new byte[16];
        in.readFully(header);
        final long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
        if (length > WireLimits.MAX_BODY_BYTES) {
            throw new IOException("raw peer got an oversized frame: bodyLength=" + length);
        }
        final byte[] body = new byte[(int) length];
        in.readFully(body);
        return new RawFrame(header, body);
    }

    /**
     * A client socket that writes hand-built bytes and reads raw frames; every read has a timeout.
     */
    public static final class RawPeer implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;

        private RawPeer(final Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
        }

        /**
         * Connects without sending anything.
         *
         * @param url the server
         * @param readTimeout the timeout of every read
         * @return the peer
         * @throws IOException when the connection fails
         */
        public static RawPeer connect(final StoreUrl url, final Duration readTimeout) throws IOException {
            final Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(url.address(), url.port()), 5_000);
                s.setSoTimeout((int) readTimeout.toMillis());
                return new RawPeer(s);
            } catch (final IOException e) {
                s.close();
                throw e;
            }
        }

        /**
         * Connects and completes a config store handshake without a rank, world size unknown.
         *
         * @param url the server
         * @return the peer
         * @throws IOException when the connection or the handshake fails
         */
        public static RawPeer open(final StoreUrl url) throws IOException {
            return open(url, 0, 0xFFFF_FFFFL);
        }

        /**
         * Connects and completes a config store handshake.
         *
         * @param url the server
         * @param worldSize the announced world size
         * @param rank the announced rank, {@code 0xFFFFFFFFL} for none
         * @return the peer
         * @throws IOException when the connection or the handshake fails
         */
        public static RawPeer open(final StoreUrl url, final long worldSize, final long rank) throws IOException {
            final RawPeer p = connect(url, Duration.ofSeconds(5));
            try {
                final int answer = p.handshake(RawWire.handshake(0, 0, worldSize, rank));
                if (answer != 0) {
                    throw new IOException("raw handshake refused: result=" + answer);
                }
                return p;
            } catch (final IOException e) {
                p.close();
                throw e;
            }
        }

        /**
         * Sends handshake bytes and reads the 2-byte answer.
         *
         * @param request the bytes to send
         * @return the answer as a signed 16-bit number
         * @throws IOException on I/O failure or when the link closes first
         */
        public int handshake(final byte[] request) throws IOException {
            send(request);
            final byte[] answer = new byte[2];
            in.readFully(answer);
            return ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getShort();
        }

        /**
         * Writes bytes.
         *
         * @param bytes the bytes
         * @throws IOException on I/O failure
         */
        public void send(final byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /**
         * Reads the next frame.
         *
         * @return the frame
         * @throws IOException on I/O failure, timeout or end of stream
         */
        public RawFrame read() throws IOException {
            return readFrame(in);
        }

        /**
         * Sends a request and reads the next frame, which must answer it.
         *
         * @param seqNo the sequence number
         * @param body the request body
         * @return the reply
         * @throws IOException on I/O failure
         */
        public RawFrame call(final long seqNo, final byte[] body) throws IOException {
            send(frame(0, 0, seqNo, body));
            final RawFrame reply = read();
            if (reply.seqNo() != seqNo) {
                throw new IOException("raw reply for another request: expected=" + seqNo + ", actual=" + reply.seqNo());
            }
            return reply;
        }

        /**
         * Waits until the server closes the link, discarding anything it sends first.
         *
         * @param within the longest wait
         * @return true when the link ended (end of stream or reset), false on timeout
         * @throws IOException on an unexpected failure
         */
        public boolean awaitClosed(final Duration within) throws IOException {
            final long deadline = System.nanoTime() + within.toNanos();
            final int savedTimeoutMs = socket.getSoTimeout();
            final byte[] sink = new byte[4096];
            try {
                while (true) {
                    final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMs <= 0) {
                        return false;
                    }
                    socket.setSoTimeout((int) Math.min(leftMs, Integer.MAX_VALUE));
                    try {
                        if (in.read(sink) < 0) {
                            return true;
                        }
                    } catch (final SocketTimeoutException e) {
                        // loop: the deadline decides
                    } catch (final EOFException | SocketException e) {
                        return true;
                    }
                }
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(savedTimeoutMs);
                }
            }
        }

        /**
         * The socket.
         *
         * @return the socket
         */
        public Socket socket() {
            return socket;
        }

        /**
         * Closes with a TCP reset instead of an orderly shutdown.
         */
        public void reset() {
            try {
                socket.setSoLinger(true, 0);
            } catch (final SocketException ignored) {
                // closing below is all that matters
            }
            close();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (final IOException ignored) {
                // best effort
            }
        }
    }
}
