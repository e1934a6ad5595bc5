package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.TransportEndpoint;

/** Helpers shared by the TCP transport's own tests. */
final class TcpTestSupport {
    private TcpTestSupport() {
    }

    /** A transport with default settings changed by {@code tweak}. */
    static TcpTransport transport(final Consumer<TcpTransportSettings.Builder> tweak) {
        final TcpTransportSettings.Builder builder = TcpTransportSettings.builder();
        tweak.accept(builder);
        return new TcpTransport(builder.build());
    }

    /** An endpoint config with a timeout and options given as key, value, key, value... */
    static EndpointConfig config(final String participant, final long timeoutMs, final String... options) {
        final EndpointConfig.Builder builder = EndpointConfig.builder(participant).operationTimeoutMs(timeoutMs);
        for (int i = 0; i < options.length; i += 2) {
            builder.option(options[i], options[i + 1]);
        }
        return builder.build();
    }

    /**
     * Opens an endpoint on a free port below the kernel's ephemeral range, so that no outgoing connection of any
     * process on this (shared) machine can take the port while a test closes and re-opens an endpoint there.
     */
    static TransportEndpoint openOnStablePort(final TcpTransport transport, final String participant,
        final long timeoutMs) {
        int ephemeralLow = 32768;
        try {
            // one read of the whole line: this sysctl file answers a read at a non-zero offset with end-of-file,
            // so Files.readString (which reads a zero-size file byte by byte at first) would see only "3"
            ephemeralLow = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0).trim().split("\\s+")[0]);
        } catch (final IOException | RuntimeException unknown) {
            // not Linux: keep the IANA default
        }
        final int low = Math.min(20_000, ephemeralLow / 2);
        TransportException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            final int port = low + ThreadLocalRandom.current().nextInt(ephemeralLow - low);
            try {
                return transport.open(config(participant, timeoutMs, TcpEndpoint.OPTION_LISTEN, "127.0.0.1:" + port));
            } catch (final TransportException taken) {
                last = taken;
            }
        }
        throw new AssertionError("no free port below the ephemeral range", last);
    }

    /** The byte of the pattern of {@code seed} at an index. */
    static byte patternByte(final long index, final int seed) {
        return (byte) (index * 131 + seed * 17 + (index >>> 11) + 3);
    }

    /** A direct buffer holding the pattern of {@code seed}. */
    static ByteBuffer pattern(final int sizeBytes, final int seed) {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(sizeBytes);
        for (int i = 0; i < sizeBytes; i++) {
            buffer.put(i, patternByte(i, seed));
        }
        return buffer;
    }

    /** Asserts {@code actual[from, from + length)} holds the pattern of {@code seed} from pattern index 0. */
    static void assertPattern(final ByteBuffer actual, final int from, final int length, final int seed) {
        final ByteBuffer all = actual.duplicate().clear();
        for (int i = 0; i < length; i++) {
            if (all.get(from + i) != patternByte(i, seed)) {
                assertEquals(patternByte(i, seed), all.get(from + i), "pattern mismatch: index=" + (from + i)
                    + ", seed=" + seed);
            }
        }
    }

    /** Asserts {@code actual[from, from + length)} is all zero. */
    static void assertZeros(final ByteBuffer actual, final int from, final int length) {
        final ByteBuffer all = actual.duplicate().clear();
        for (int i = from; i < from + length; i++) {
            if (all.get(i) != 0) {
                assertEquals(0, all.get(i), "byte touched where nothing may touch it: index=" + i);
            }
        }
    }

    /** The listening host and port of an endpoint, from its descriptor. */
    static TcpHostPort hostPort(final PeerDescriptor peer) {
        return TcpHostPort.parse("peer", peer.address().toString(), false);
    }

    /**
     * A raw socket to an endpoint, speaking the wire protocol by hand (or not at all): for bad-input tests. Reads
     * time out after the given bound.
     */
    static final class RawLink implements AutoCloseable {
        private final Socket socket = new Socket();

        RawLink(final PeerDescriptor peer, final int readTimeoutMs) throws IOException {
            final TcpHostPort target = hostPort(peer);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), readTimeoutMs);
            socket.setSoTimeout(readTimeoutMs);
        }

        /** Sends a valid hello and reads the welcome. */
        ByteBuffer handshake() throws IOException {
            send(TcpWireDescriptor.encodeHello("raw-test:1".getBytes(StandardCharsets.UTF_8), 7));
            return ByteBuffer.wrap(readExactly(TcpWireDescriptor.WELCOME_LENGTH)).order(TcpWireDescriptor.ORDER);
        }

        /** A request header as the wire descriptor lays it out, followed by {@code payload}. */
        static ByteBuffer request(final byte opcode, final int lengthBytes, final long requestId, final long regionId,
            final long key, final long remoteOffset, final long opEndOffset, final byte[] payload) {
            final ByteBuffer header = ByteBuffer.allocate(TcpWireDescriptor.REQUEST_HEADER_LENGTH + payload.length)
                .order(TcpWireDescriptor.ORDER);
            final ByteBuffer fixed = TcpWireDescriptor.allocateHeader(TcpWireDescriptor.REQUEST_HEADER_LENGTH);
            TcpWireDescriptor.encodeRequest(fixed, opcode, false, lengthBytes, requestId, regionId, key,
                remoteOffset, opEndOffset);
            header.put(fixed).put(payload);
            return header.flip();
        }

        void send(final ByteBuffer bytes) throws IOException {
            final byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            socket.getOutputStream().write(copy);
            socket.getOutputStream().flush();
        }

        void send(final byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        byte[] readExactly(final int lengthBytes) throws IOException {
            final byte[] bytes = new byte[lengthBytes];
            final InputStream in = socket.getInputStream();
            int read = 0;
            while (read < lengthBytes) {
                final int n = in.read(bytes, read, lengthBytes - read);
                if (n < 0) {
                    throw new IOException("closed after " + read + " bytes");
                }
                read += n;
            }
            return bytes;
        }

        /**
         * Whether the owner closed the link within the read timeout: reads until end of stream or a reset.
         *
         * @return true when closed; false when the link is still open after the timeout
         */
        boolean closedByPeer() throws IOException {
            final InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // bytes before the close do not matter here
                }
                return true;
            } catch (final SocketTimeoutException stillOpen) {
                return false;
            } catch (final IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
