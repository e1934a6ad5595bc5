package org.memfabric.configstore.wire;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Frames over a connected socket (plain or TLS) after the handshake. Threading: {@link #read()} is called by one
 * reader thread; {@link #write(byte[])} may be called by any thread (writes are serialised).
 */
public final class FramedLink implements Closeable {
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Bodies up to this size are allocated at once; larger ones grow as they arrive. */
    static final int DIRECT_BODY_BYTES = 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    /**
     * Wraps a socket whose handshake is complete.
     *
     * @param socket the socket
     * @throws IOException when its streams cannot be obtained
     */
    public FramedLink(final Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES));
        this.out = socket.getOutputStream();
    }

    /**
     * Reads the next frame, blocking.
     *
     * @return the frame
     * @throws EOFException when the peer closed the link cleanly between frames
     * @throws IOException on I/O failure or a frame cut short
     * @throws WireFormatException when the header is out of range
     */
    public Frame read() throws IOException {
        final byte[] headerBytes = new byte[FrameHeader.LENGTH];
        final int first = in.read(headerBytes, 0, FrameHeader.LENGTH);
        if (first < 0) {
            throw new EOFException("link closed by peer");
        }
        readFully(headerBytes, first, "frame header");
        final FrameHeader header = FrameHeader.decode(headerBytes);
        return new Frame(header, readBody(header.bodyLength()));
    }

    /**
     * Reads a body, growing the buffer only as bytes arrive, so a peer that announces a large body and sends
     * nothing makes the reader hold at most {@link #DIRECT_BODY_BYTES}.
     */
    private byte[] readBody(final int length) throws IOException {
        if (length <= DIRECT_BODY_BYTES) {
            final byte[] body = new byte[length];
            readFully(body, 0, "frame body");
            return body;
        }
        byte[] body = new byte[DIRECT_BODY_BYTES];
        int done = 0;
        while (done < length) {
            if (done == body.length) {
                body = java.util.Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            final int n = in.read(body, done, body.length - done);
            if (n < 0) {
                throw new EOFException("frame body truncated: expected=" + length + ", received=" + done);
            }
            done += n;
        }
        return body;
    }

    private void readFully(final byte[] target, final int from, final String what) throws IOException {
        int done = from;
        while (done < target.length) {
            final int n = in.read(target, done, target.length - done);
            if (n < 0) {
                throw new EOFException(what + " truncated: expected=" + target.length + ", received=" + done);
            }
            done += n;
        }
    }

    /**
     * Writes one encoded frame (see {@link Frame#encode}).
     *
     * @param frame the bytes
     * @throws IOException on I/O failure
     */
    public void write(final byte[] frame) throws IOException {
        synchronized (writeLock) {
            out.write(frame);
            out.flush();
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

    /** Closes the socket; a blocked reader and writers fail with an {@link IOException}. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (final IOException ignored) {
            // closing is best effort; the socket is unusable either way
        }
    }

    /**
     * Reads exactly {@code length} bytes from a raw stream without buffering ahead (used for the plaintext
     * handshake, after which TLS may take over the same socket).
     *
     * @param raw the stream
     * @param length the byte count
     * @param what what is read, for the error message
     * @return the bytes
     * @throws IOException on I/O failure or end of stream
     */
    public static byte[] readExactly(final InputStream raw, final int length, final String what) throws IOException {
        final byte[] bytes = raw.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException(what + " truncated: expected=" + length + ", received=" + bytes.length);
        }
        return bytes;
    }
}
