package org.memfabric.transport.tcp;

import static org.memfabric.transport.tcp.TcpWireDescriptor.HELLO_ADDRESS_LENGTH_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.HELLO_FIXED_LENGTH;
import static org.memfabric.transport.tcp.TcpWireDescriptor.HELLO_MAJOR_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.OPCODE_WRITE;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_FLAGS_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_HEADER_LENGTH;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_ID_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_KEY_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_LENGTH_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_OPCODE_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_OP_END_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_REGION_ID_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_REMOTE_OFFSET_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_HEADER_LENGTH;
import static org.memfabric.transport.tcp.TcpWireDescriptor.STATUS_OK;
import static org.memfabric.transport.tcp.TcpWireDescriptor.STATUS_SKIPPED;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The owner side of one link: reads the peer's hello, then serves its chunk requests one after the other, each
 * checked by the {@link TcpRegionTable} before any byte of region memory is touched. WRITE payloads go straight from
 * the socket into the region's memory, READ payloads straight from the memory into the socket (gathering write with
 * the response header); a refused WRITE's payload is read into a small scratch buffer and dropped.
 *
 * <p>Runs on its own daemon thread, blocked in a socket read while the link is idle. A started request (or the
 * handshake) is bounded by the owner's operation timeout through its {@link TcpChannelGuard}, so a stalled or
 * truncated request cannot hold a region's access bracket, and with it deregistration, forever. Any thread may
 * {@link #close()} the link; a protocol violation closes it from the serving thread. Counters are updated before
 * the reply is sent, so a requester that has seen a reply also sees it counted.
 */
final class TcpServerLink implements Runnable {
    private static final int DRAIN_BUFFER_BYTES = 64 * 1024;

    private final TcpServer server;
    private final SocketChannel channel;
    private final TcpChannelGuard guard;
    private final ByteBuffer header = TcpWireDescriptor.allocateHeader(REQUEST_HEADER_LENGTH);
    private final ByteBuffer response = TcpWireDescriptor.allocateHeader(RESPONSE_HEADER_LENGTH);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private ByteBuffer drain;
    private boolean lastFailed;
    private String requester = "unknown";

    TcpServerLink(final TcpServer server, final SocketChannel channel) {
        this.server = server;
        this.channel = channel;
        this.guard =
            new TcpChannelGuard(channel, () -> server.counters().increment(TcpCounter.SERVED_TIMEOUTS));
    }

    TcpChannelGuard guard() {
        return guard;
    }

    @Override
    public void run() {
        final TcpCounters counters = server.counters();
        try {
            if (handshake()) {
                while (serveOne()) {
                    guard.disarm();
                }
            }
        } catch (final TcpProtocolException violation) {
            counters.increment(TcpCounter.SERVED_PROTOCOL_ERRORS);
        } catch (final IOException broken) {
            // the peer went away, the endpoint closed the link or the watchdog did (counted): nothing to answer
        } finally {
            close();
            server.forget(this);
        }
    }

    /** Closes the link; a serving thread blocked on it wakes up with an exception. Idempotent. */
    void close() {
        guard.closeQuietly();
    }

    /** @return true when the link was accepted and requests may follow */
    private boolean handshake() throws IOException {
        guard.arm(server.timeoutNs());
        final ByteBuffer hello = ByteBuffer.allocate(HELLO_FIXED_LENGTH).order(TcpWireDescriptor.ORDER);
        readFrame(hello, "hello");
        final String problem = TcpWireDescriptor.checkHelloHeader(hello);
        if (problem != null) {
            throw new TcpProtocolException(problem);
        }
        final ByteBuffer welcome = TcpWireDescriptor.allocateHeader(TcpWireDescriptor.WELCOME_LENGTH);
        if (Byte.toUnsignedInt(hello.get(HELLO_MAJOR_OFFSET)) != TcpWireDescriptor.PROTOCOL_MAJOR) {
            TcpChannels.writeFully(channel, TcpWireDescriptor.encodeWelcome(welcome,
                TcpWireDescriptor.WELCOME_VERSION_REFUSED, server.ownerRank(), server.maxChunkBytes(),
                server.incarnation()));
            server.counters().increment(TcpCounter.SERVED_PROTOCOL_ERRORS);
            return false;
        }
        final ByteBuffer address =
            ByteBuffer.allocate(Short.toUnsignedInt(hello.getShort(HELLO_ADDRESS_LENGTH_OFFSET)));
        readFrame(address, "hello address");
        requester = new String(address.array(), StandardCharsets.UTF_8);
        TcpChannels.writeFully(channel, TcpWireDescriptor.encodeWelcome(welcome, TcpWireDescriptor.WELCOME_ACCEPTED,
            server.ownerRank(), server.maxChunkBytes(), server.incarnation()));
        guard.disarm();
        return true;
    }

    /** @return false when the peer closed the link between requests */
    private boolean serveOne() throws IOException {
        header.clear();
        if (channel.read(header) < 0) {
            return false;
        }
        guard.arm(server.timeoutNs());
        readFrame(header, "request header");
        final String problem = TcpWireDescriptor.checkRequestHeader(header, server.maxChunkBytes());
        if (problem != null) {
            throw new TcpProtocolException(problem + ", requester=" + requester);
        }
        final boolean write = header.get(REQUEST_OPCODE_OFFSET) == OPCODE_WRITE;
        final int lengthBytes = header.getInt(REQUEST_LENGTH_OFFSET);
        final long requestId = header.getLong(REQUEST_ID_OFFSET);
        final long remoteOffset = header.getLong(REQUEST_REMOTE_OFFSET_OFFSET);
        final TcpCounters counters = server.counters();
        counters.increment(TcpCounter.SERVED_REQUESTS);
        if (lastFailed && (header.get(REQUEST_FLAGS_OFFSET) & TcpWireDescriptor.FLAG_CHAINED) != 0) {
            refuse(write, requestId, lengthBytes, STATUS_SKIPPED, "skipped, an earlier chunk of the same operation "
                + "or batch was refused: regionId=" + header.getLong(REQUEST_REGION_ID_OFFSET) + ", chunkOffset="
                + remoteOffset + ", chunkBytes=" + lengthBytes);
            return true;
        }
        final TcpRegion region;
        try {
            region = server.regions().admit(header.getLong(REQUEST_REGION_ID_OFFSET),
                header.getLong(REQUEST_KEY_OFFSET), remoteOffset, lengthBytes, header.getLong(REQUEST_OP_END_OFFSET));
        } catch (final TcpRefusal refusal) {
            refuse(write, requestId, lengthBytes, TcpWireDescriptor.statusOf(refusal.refusal()),
                refusal.getMessage());
            return true;
        }
        lastFailed = false;
        if (write) {
            try {
                readFrame(region.view(remoteOffset, lengthBytes), "write payload");
            } finally {
                region.endAccess();
            }
            counters.add(TcpCounter.SERVED_BYTES_WRITTEN, lengthBytes);
            TcpChannels.writeFully(channel,
                TcpWireDescriptor.encodeResponse(response, requestId, STATUS_OK, 0, 0));
        } else {
            counters.add(TcpCounter.SERVED_BYTES_READ, lengthBytes);
            try {
                gather[0] = TcpWireDescriptor.encodeResponse(response, requestId, STATUS_OK, 0, lengthBytes);
                gather[1] = region.view(remoteOffset, lengthBytes);
                TcpChannels.writeFully(channel, gather);
            } finally {
                gather[1] = null;
                region.endAccess();
            }
        }
        return true;
    }

    private void refuse(final boolean write, final long requestId, final int lengthBytes, final byte status,
        final String message) throws IOException {
        lastFailed = true;
        final TcpCounters counters = server.counters();
        counters.increment(TcpCounter.SERVED_REFUSALS);
        if (write) {
            drain(lengthBytes);
            counters.add(TcpCounter.SERVED_DRAINED_BYTES, lengthBytes);
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (text.length > TcpWireDescriptor.MAX_MESSAGE_BYTES) {
            text = java.util.Arrays.copyOf(text, TcpWireDescriptor.MAX_MESSAGE_BYTES);
        }
        gather[0] = TcpWireDescriptor.encodeResponse(response, requestId, status, text.length, 0);
        gather[1] = ByteBuffer.wrap(text);
        try {
            TcpChannels.writeFully(channel, gather);
        } finally {
            gather[1] = null;
        }
    }

    /** Reads and drops a refused write's payload, so that the next request header is where it should be. */
    private void drain(final int lengthBytes) throws IOException {
        if (drain == null) {
            drain = ByteBuffer.allocateDirect(DRAIN_BUFFER_BYTES);
        }
        int left = lengthBytes;
        while (left > 0) {
            drain.clear().limit(Math.min(left, DRAIN_BUFFER_BYTES));
            readFrame(drain, "refused write payload");
            left -= drain.limit();
        }
    }

    /** Reads a whole frame part; the stream ending inside a frame is a truncation, i.e. a protocol violation. */
    private void readFrame(final ByteBuffer into, final String what) throws IOException {
        try {
            TcpChannels.readFully(channel, into, what);
        } catch (final EOFException truncated) {
            throw new TcpProtocolException("truncated " + what + ": requester=" + requester + ", missingBytes="
                + into.remaining());
        }
    }

    @Override
    public String toString() {
        return "tcp server link: requester=" + requester + ", owner=" + server.address();
    }
}
