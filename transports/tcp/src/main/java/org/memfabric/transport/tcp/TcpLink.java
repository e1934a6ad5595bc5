package org.memfabric.transport.tcp;

import static org.memfabric.transport.tcp.TcpWireDescriptor.REQUEST_HEADER_LENGTH;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_HEADER_LENGTH;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_ID_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_MESSAGE_LENGTH_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_PAYLOAD_LENGTH_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.RESPONSE_STATUS_OFFSET;
import static org.memfabric.transport.tcp.TcpWireDescriptor.STATUS_OK;
import static org.memfabric.transport.tcp.TcpWireDescriptor.STATUS_SKIPPED;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.memfabric.transport.spi.RegionAccessException;
import org.memfabric.transport.spi.RegionAccessException.Refusal;
import org.memfabric.transport.spi.TransferDirection;
import org.memfabric.transport.spi.TransferOp;

/**
 * The requester side of one link: a connected, handshaken socket channel that runs one operation (or batch) at a
 * time, cut into chunks and pipelined.
 *
 * <p>Used by one thread at a time, the thread that took it from its {@link TcpLinkPool}: that thread writes the chunk
 * requests (WRITE payloads straight from the caller's buffer, in one gathering write with the header) and reads the
 * replies (READ payloads straight into the caller's buffer) itself, with no hand-off to another thread. Up to
 * {@code maxChunksInFlight} requests are sent before the oldest reply is read. The deadline of its
 * {@link TcpChannelGuard} is renewed at every reply: an operation fails when the peer makes no progress for the
 * timeout. The watchdog thread, or a thread closing the pool, may close the channel at any time.
 */
final class TcpLink implements AutoCloseable {
    private final SocketChannel channel;
    private final TcpChannelGuard guard;
    private final TcpWatchdog watchdog;
    private final int chunkBytes;
    private final int maxChunksInFlight;
    private final int peerRank;
    private final ByteBuffer request = TcpWireDescriptor.allocateHeader(REQUEST_HEADER_LENGTH);
    private final ByteBuffer response = TcpWireDescriptor.allocateHeader(RESPONSE_HEADER_LENGTH);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private long nextRequestId = 1;
    private long nextResponseId = 1;
    private int currentOpIndex;
    private String lastMessage = "";

    private TcpLink(final SocketChannel channel, final TcpChannelGuard guard, final TcpWatchdog watchdog,
        final int chunkBytes, final int maxChunksInFlight, final int peerRank) {
        this.channel = channel;
        this.guard = guard;
        this.watchdog = watchdog;
        this.chunkBytes = chunkBytes;
        this.maxChunksInFlight = maxChunksInFlight;
        this.peerRank = peerRank;
    }

    /**
     * Connects to a peer and shakes hands, within {@code timeoutNs}.
     *
     * @param target the peer's listening address; a host name is resolved here, outside the timeout
     * @param settings this transport's settings
     * @param watchdog the requester endpoint's watchdog
     * @param self the requester endpoint's address bytes, sent in the hello
     * @param selfRank the requester's rank, sent in the hello
     * @param timeoutNs the bound
     * @return the open link
     * @throws IOException when the peer cannot be reached, refuses, times out or does not speak the protocol
     */
    static TcpLink open(final TcpHostPort target, final TcpTransportSettings settings, final TcpWatchdog watchdog,
        final byte[] self, final int selfRank, final long timeoutNs) throws IOException {
        final InetSocketAddress address = target.toSocketAddress();
        if (address.isUnresolved()) {
            throw new UnknownHostException("peer host does not resolve: host=" + target.host());
        }
        final SocketChannel channel = SocketChannel.open();
        final TcpChannelGuard guard = new TcpChannelGuard(channel, () -> { });
        try {
            TcpChannels.configure(channel, settings);
            watchdog.watch(guard);
            guard.arm(timeoutNs);
            channel.socket().connect(address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNs)));
            TcpChannels.writeFully(channel, TcpWireDescriptor.encodeHello(self, selfRank));
            final ByteBuffer welcome = ByteBuffer.allocate(TcpWireDescriptor.WELCOME_LENGTH)
                .order(TcpWireDescriptor.ORDER);
            TcpChannels.readFully(channel, welcome, "welcome");
            final String problem = TcpWireDescriptor.checkWelcome(welcome);
            if (problem != null) {
                throw new TcpProtocolException(problem);
            }
            guard.disarm();
            final int ownerMaxChunk = welcome.getInt(TcpWireDescriptor.WELCOME_MAX_CHUNK_OFFSET);
            return new TcpLink(channel, guard, watchdog, Math.min(settings.chunkSizeBytes(), ownerMaxChunk),
                settings.maxChunksInFlight(), welcome.getInt(TcpWireDescriptor.WELCOME_RANK_OFFSET));
        } catch (final IOException | RuntimeException failure) {
            watchdog.forget(guard);
            guard.closeQuietly();
            if (guard.expired()) {
                throw new IOException("no handshake within the operation timeout: timeoutMs="
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNs), failure);
            }
            throw failure;
        }
    }

    /** The owner's rank from the welcome, or -1. */
    int peerRank() {
        return peerRank;
    }

    /** Whether the link can carry another operation. */
    boolean isOpen() {
        return channel.isOpen() && !guard.expired();
    }

    /** Whether the watchdog closed the link because the peer made no progress in time. */
    boolean expired() {
        return guard.expired();
    }

    /** The index, in the list last run, of the op being sent or awaited when the link failed. */
    int currentOpIndex() {
        return currentOpIndex;
    }

    /**
     * Runs operations in list order: all their chunks are pipelined; the first chunk is unchained and every later one
     * chained, so after a refusal the owner skips the rest and nothing after the refused op takes effect.
     *
     * @param ops the checked operations, not empty
     * @param timeoutNs the longest time without progress
     * @param counters the peer's counters
     * @throws RegionAccessException when the owner refused a chunk; the link stays in step and reusable
     * @throws IOException when the link broke; it must be discarded
     */
    void run(final List<TransferOp> ops, final long timeoutNs, final TcpCounters counters) throws IOException {
        guard.arm(timeoutNs);
        try {
            pipeline(ops, timeoutNs, counters);
        } finally {
            guard.disarm();
        }
    }

    private void pipeline(final List<TransferOp> ops, final long timeoutNs, final TcpCounters counters)
        throws IOException {
        final Cursor send = new Cursor(ops, chunkBytes);
        final Cursor receive = new Cursor(ops, chunkBytes);
        int inFlight = 0;
        int readsInFlight = 0;
        RegionAccessException refused = null;
        while (true) {
            while (refused == null && send.hasNext() && inFlight < maxChunksInFlight) {
                final boolean write = send.op().direction() == TransferDirection.WRITE;
                if (write && readsInFlight > 0) {
                    break; // read replies first: a peer blocked writing READ payloads to us must not meet our writes
                }
                currentOpIndex = send.opIndex();
                sendChunk(send.op(), send.position(), send.chunkLength(), !send.isFirst());
                counters.increment(TcpCounter.CHUNKS);
                inFlight++;
                readsInFlight += write ? 0 : 1;
                send.advance();
            }
            if (inFlight == 0) {
                break;
            }
            currentOpIndex = receive.opIndex();
            final TransferOp op = receive.op();
            final int length = receive.chunkLength();
            final byte status = receiveChunk(op, receive.position(), length);
            guard.arm(timeoutNs);
            inFlight--;
            readsInFlight -= op.direction() == TransferDirection.WRITE ? 0 : 1;
            if (status == STATUS_OK) {
                counters.add(op.direction() == TransferDirection.WRITE ? TcpCounter.BYTES_WRITTEN
                    : TcpCounter.BYTES_READ, length);
            } else if (refused == null) {
                if (status == STATUS_SKIPPED) {
                    throw new TcpProtocolException("chunk skipped although no earlier chunk was refused: opIndex="
                        + receive.opIndex());
                }
                refused = refusal(status, op, receive.opIndex(), ops.size());
            }
            receive.advance();
        }
        if (refused != null) {
            throw refused;
        }
    }

    private void sendChunk(final TransferOp op, final long position, final int length, final boolean chained)
        throws IOException {
        final boolean write = op.direction() == TransferDirection.WRITE;
        TcpWireDescriptor.encodeRequest(request, write ? TcpWireDescriptor.OPCODE_WRITE
            : TcpWireDescriptor.OPCODE_READ, chained, length, nextRequestId++, op.remote().regionId(),
            op.remote().key(), op.remoteOffset() + position, op.remoteOffset() + op.sizeBytes());
        if (!write || length == 0) {
            TcpChannels.writeFully(channel, request);
            return;
        }
        gather[0] = request;
        gather[1] = localView(op, position, length);
        try {
            TcpChannels.writeFully(channel, gather);
        } finally {
            gather[1] = null;
        }
    }

    /** Reads one reply; an accepted READ's payload lands straight in the caller's buffer. */
    private byte receiveChunk(final TransferOp op, final long position, final int length) throws IOException {
        response.clear();
        TcpChannels.readFully(channel, response, "reply header");
        final long id = response.getLong(RESPONSE_ID_OFFSET);
        final byte status = response.get(RESPONSE_STATUS_OFFSET);
        final int messageBytes = Short.toUnsignedInt(response.getShort(RESPONSE_MESSAGE_LENGTH_OFFSET));
        final int payloadBytes = response.getInt(RESPONSE_PAYLOAD_LENGTH_OFFSET);
        if (id != nextResponseId++) {
            throw new TcpProtocolException("reply out of order: expectedRequestId=" + (nextResponseId - 1)
                + ", requestId=" + id);
        }
        final boolean read = op.direction() == TransferDirection.READ;
        if (status == STATUS_OK) {
            if (messageBytes != 0 || payloadBytes != (read ? length : 0)) {
                throw new TcpProtocolException("reply has unexpected lengths: messageBytes=" + messageBytes
                    + ", payloadBytes=" + payloadBytes + ", chunkBytes=" + length);
            }
            if (read && length > 0) {
                TcpChannels.readFully(channel, localView(op, position, length), "read payload");
            }
            return status;
        }
        if (payloadBytes != 0 || messageBytes > TcpWireDescriptor.MAX_MESSAGE_BYTES
            || status != STATUS_SKIPPED && TcpWireDescriptor.refusalOf(status) == null) {
            throw new TcpProtocolException("reply has a bad status or lengths: status=" + status + ", messageBytes="
                + messageBytes + ", payloadBytes=" + payloadBytes);
        }
        final ByteBuffer message = ByteBuffer.allocate(messageBytes);
        TcpChannels.readFully(channel, message, "refusal message");
        lastMessage = new String(message.array(), StandardCharsets.UTF_8);
        return status;
    }

    private static ByteBuffer localView(final TransferOp op, final long position, final int length) {
        final ByteBuffer view = op.local().duplicate();
        final int from = op.localOffset() + (int) position;
        view.limit(from + length).position(from);
        return view;
    }

    /** The refusal as the SPI reports it: what the owner said, with the op named in full. */
    private RegionAccessException refusal(final byte status, final TransferOp op, final int opIndex,
        final int opCount) {
        final Refusal refusal = TcpWireDescriptor.refusalOf(status);
        final int colon = lastMessage.indexOf(": ");
        final String what = colon < 0 ? lastMessage : lastMessage.substring(0, colon);
        final String details = colon < 0 ? "" : ", " + lastMessage.substring(colon + 2);
        return new RegionAccessException(TcpTransport.NAME, peerRank, refusal, "remote "
            + op.direction().name().toLowerCase(java.util.Locale.ROOT) + " refused by the owner, " + what
            + ": refusal=" + refusal + ", " + op + (opCount > 1 ? ", opIndex=" + opIndex + ", ops=" + opCount : "")
            + details);
    }

    /** A position in the chunk sequence of a list of ops: which op, and how far into it. Not thread-safe. */
    private static final class Cursor {
        private final List<TransferOp> ops;
        private final int chunkBytes;
        private int opIndex;
        private long position;

        Cursor(final List<TransferOp> ops, final int chunkBytes) {
            this.ops = ops;
            this.chunkBytes = chunkBytes;
        }

        boolean hasNext() {
            return opIndex < ops.size();
        }

        /** Whether this is the first chunk of the list: the only one not chained to its predecessor. */
        boolean isFirst() {
            return opIndex == 0 && position == 0;
        }

        int opIndex() {
            return opIndex;
        }

        TransferOp op() {
            return ops.get(opIndex);
        }

        /** The offset of the current chunk in its op. */
        long position() {
            return position;
        }

        /** The length of the current chunk; 0 only for an empty op, which still is one (checked) chunk. */
        int chunkLength() {
            return (int) Math.min(chunkBytes, op().sizeBytes() - position);
        }

        void advance() {
            position += chunkLength();
            if (position >= op().sizeBytes()) {
                opIndex++;
                position = 0;
            }
        }
    }

    /** Closes the channel; a thread using the link fails with an exception. Idempotent. */
    @Override
    public void close() {
        watchdog.forget(guard);
        guard.closeQuietly();
    }
}
