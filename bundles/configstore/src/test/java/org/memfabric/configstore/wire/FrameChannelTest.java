package org.memfabric.configstore.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A non-blocking link on a selector loop against a plain blocking peer socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameChannelTest {
    private SelectorLoop loop;
    private ServerSocketChannel listener;
    private Socket peer;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<String> eventThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        loop = SelectorLoop.start("test-loop");
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        listener.close();
        loop.close();
        loop.join(5000);
    }

    /** Connects a peer socket and wraps our end in a FrameChannel recording what it hears. */
    private FrameChannel connect(final long maxQueuedBytes, final boolean echo) throws IOException {
        peer = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
        final SocketChannel ours = listener.accept();
        final FrameChannel[] self = new FrameChannel[1];
        self[0] = FrameChannel.open(ours, loop, new FrameChannel.Listener() {
            @Override
            public void onFrame(final Frame frame) {
                eventThreads.add(Thread.currentThread().getName());
                events.add(frame);
                if (echo) {
                    try {
                        self[0].send(Frame.encode((short) 0, (short) 0, frame.header().seqNo(), frame.body()));
                    } catch (final IOException e) {
                        events.add(e);
                    }
                }
            }

            @Override
            public void onClosed(final Exception cause) {
                eventThreads.add(Thread.currentThread().getName());
                events.add(cause);
            }
        }, maxQueuedBytes);
        self[0].start();
        return self[0];
    }

    private Object nextEvent() throws InterruptedException {
        final Object e = events.poll(10, TimeUnit.SECONDS);
        assertTrue(e != null, "an event arrived");
        return e;
    }

    private static byte[] payload(final int i, final int length) {
        final byte[] b = new byte[length];
        for (int j = 0; j < length; j++) {
            b[j] = (byte) (i * 7 + j);
        }
        return b;
    }

    @Test
    void shouldDeliverEveryQueuedFrameInOrderOnceASlowPeerReads() throws Exception {
        final FrameChannel channel = connect(1L << 30, false);
        final int frames = 200;
        for (int i = 0; i < frames; i++) {
            channel.send(Frame.encode((short) 0, (short) 0, i, payload(i, 64 * 1024)));
        }
        assertTrue(channel.queuedBytes() > 0, "13 MiB do not fit the socket buffers: some frames wait for the peer");

        final DataInputStream in = new DataInputStream(peer.getInputStream());
        for (int i = 0; i < frames; i++) {
            final byte[] header = new byte[FrameHeader.LENGTH];
            in.readFully(header);
            final FrameHeader h = FrameHeader.decode(header);
            final byte[] body = new byte[h.bodyLength()];
            in.readFully(body);
            assertEquals(i, h.seqNo());
            assertArrayEquals(payload(i, 64 * 1024), body, "frame " + i);
        }
        Await.until(() -> channel.queuedBytes() == 0, () -> "queue drained: " + channel.queuedBytes());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldCloseWithLinkOverflowWhenThePeerStopsReading() throws Exception {
        final FrameChannel channel = connect(1 << 20, false);

        final LinkOverflowException thrown = assertThrows(LinkOverflowException.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                channel.send(Frame.encode((short) 0, (short) 0, i, new byte[64 * 1024]));
            }
        });

        assertTrue(thrown.getMessage().startsWith("link peer does not read, link closed: queuedBytes="),
            thrown.getMessage());
        assertTrue(nextEvent() instanceof LinkOverflowException, "the listener hears why");
        assertFalse(channel.isOpen());
        assertThrows(IOException.class, () -> channel.send(Frame.encode((short) 0, (short) 0, 1, new byte[1])));
    }

    @Test
    void shouldReportThePeersCloseOnceAfterItsLastFrameOnTheLoopThread() throws Exception {
        connect(1 << 20, false);
        for (int i = 0; i < 3; i++) {
            peer.getOutputStream().write(Frame.encode((short) 0, (short) 0, i, payload(i, 10)));
        }
        peer.close();

        for (int i = 0; i < 3; i++) {
            final Frame f = (Frame) nextEvent();
            assertEquals(i, f.header().seqNo());
            assertArrayEquals(payload(i, 10), f.body());
        }
        final Object end = nextEvent();
        assertTrue(end instanceof EOFException, "ends with EOF: " + end);
        assertEquals("link closed by peer", ((EOFException) end).getMessage());
        assertEquals(null, events.poll(200, TimeUnit.MILLISECONDS), "reported once");
        assertEquals(List.of("test-loop", "test-loop", "test-loop", "test-loop"), eventThreads);
    }

    @Test
    void shouldWriteTheRepliesTheLoopThreadQueuesToABurstOfRequests() throws Exception {
        connect(1 << 20, true);
        final java.io.ByteArrayOutputStream requests = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            requests.writeBytes(Frame.encode((short) 0, (short) 0, i, payload(i, 100)));
        }
        peer.getOutputStream().write(requests.toByteArray());

        final DataInputStream in = new DataInputStream(peer.getInputStream());
        for (int i = 0; i < 50; i++) {
            final byte[] header = new byte[FrameHeader.LENGTH];
            in.readFully(header);
            final FrameHeader h = FrameHeader.decode(header);
            final byte[] body = new byte[h.bodyLength()];
            in.readFully(body);
            assertEquals(i, h.seqNo());
            assertArrayEquals(payload(i, 100), body);
        }
    }
}
