package org.memfabric.configstore.wire;

import static org.memfabric.configstore.wire.RawWire.ascii;
import static org.memfabric.configstore.wire.RawWire.frame;
import static org.memfabric.configstore.wire.RawWire.reply;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.wire.RawWire.Packed;
import org.memfabric.configstore.wire.RawWire.RawFrame;

/**
 * A tiny stand-in for the original C++ config store server, answering with hand-built bytes only: it reads the
 * 16-byte handshake, answers {@code int16 0}, then serves SET, GET (parking absent keys unless the timeout is 0),
 * ADD, CAS and HEARTBEAT as memfabric-behaviour.md §1.4 describes, and answers {@code -400} to message types it
 * does not know (10 = our UNWATCH extension included), as the original's decoder does.
 *
 * <p>Threading: one accept thread and one thread per link; the store is guarded by {@code this}; the recorded
 * handshakes and frames may be read from any thread.
 */
final class FakeOriginalServer implements AutoCloseable {
    private static final int SUCCESS = 0;
    private static final int INVALID_MESSAGE = -400;
    private static final int NOT_EXIST = -404;

    private final ServerSocket serverSocket;
    private final List<byte[]> handshakes = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RawFrame> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<RawFrame> heartbeats = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger unknownTypes = new AtomicInteger();
    /** Guarded by this. */
    private final Map<String, byte[]> store = new HashMap<>();
    /** Guarded by this: parked GETs by key. */
    private final Map<String, List<Parked>> parked = new HashMap<>();

    private record Parked(Link link, int type, long seqNo) {
    }

    /** One accepted link; writes are serialised. */
    private static final class Link {
        private final OutputStream out;

        Link(final OutputStream out) {
            this.out = out;
        }

        synchronized void write(final byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }

    FakeOriginalServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::acceptLoop, "fake-original-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    StoreUrl url() {
        return StoreUrl.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort()));
    }

    /** Handshake requests received, in order. */
    List<byte[]> handshakes() {
        return handshakes;
    }

    /** Every frame received except heartbeats, in order. */
    BlockingQueue<RawFrame> requests() {
        return requests;
    }

    /** Heartbeat frames received. */
    BlockingQueue<RawFrame> heartbeats() {
        return heartbeats;
    }

    /** Requests answered with -400 because of their message type. */
    int unknownTypes() {
        return unknownTypes.get();
    }

    synchronized int parkedCount() {
        int n = 0;
        for (final List<Parked> l : parked.values()) {
            n += l.size();
        }
        return n;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                final Socket s = serverSocket.accept();
                sockets.add(s);
                final Thread t = new Thread(() -> serve(s), "fake-original-link");
                t.setDaemon(true);
                t.start();
            } catch (final IOException e) {
                return;
            }
        }
    }

    private void serve(final Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] hs = new byte[16];
            in.readFully(hs);
            handshakes.add(hs);
            final Link link = new Link(socket.getOutputStream());
            link.write(new RawWire.Le().i16(0).toArray());
            while (true) {
                final RawFrame f = RawWire.readFrame(in);
                final int type = f.body().length >= 18 ? RawWire.parse(f.body()).type() : -1;
                if (type == 8) {
                    heartbeats.add(f);
                    continue;
                }
                requests.add(f);
                handle(link, f);
            }
        } catch (final IOException | RuntimeException e) {
            // the link ended; a stand-in server has nothing to clean up
        }
    }

    private void handle(final Link link, final RawFrame f) throws IOException {
        final Packed m;
        try {
            m = RawWire.parse(f.body());
        } catch (final RuntimeException e) {
            answer(link, f, INVALID_MESSAGE, ascii("invalid request"));
            return;
        }
        if (m.type() < 0 || m.type() > 9) {
            unknownTypes.incrementAndGet();
            answer(link, f, INVALID_MESSAGE, ascii("invalid request"));
            return;
        }
        final String key = m.keys().isEmpty() ? "" : new String(m.keys().get(0), StandardCharsets.ISO_8859_1);
        switch (m.type()) {
            case 0 -> set(link, f, key, m.values().get(0));
            case 1 -> get(link, f, key, m.userDef());
            case 2 -> add(link, f, key, m.values().get(0));
            case 5 -> cas(link, f, key, m.values().get(0), m.values().get(1));
            default -> answer(link, f, INVALID_MESSAGE, ascii("invalid request message type"));
        }
    }

    private void set(final Link link, final RawFrame f, final String key, final byte[] value) throws IOException {
        final List<Parked> woken;
        synchronized (this) {
            woken = store.put(key, value) == null ? parked.remove(key) : null;
        }
        answer(link, f, SUCCESS, ascii("success"));
        if (woken != null) {
            for (final Parked p : woken) {
                p.link().write(frame(p.type(), SUCCESS, p.seqNo(), reply(1, value)));
            }
        }
    }

    private void get(final Link link, final RawFrame f, final String key, final long timeoutMs) throws IOException {
        final byte[] value;
        synchronized (this) {
            value = store.get(key);
            if (value == null && timeoutMs != 0) {
                parked.computeIfAbsent(key, k -> new ArrayList<>()).add(new Parked(link, f.type(), f.seqNo()));
                return;
            }
        }
        if (value == null) {
            answer(link, f, NOT_EXIST, ascii("<not exist>"));
        } else {
            answer(link, f, SUCCESS, reply(1, value));
        }
    }

    private void add(final Link link, final RawFrame f, final String key, final byte[] increment) throws IOException {
        final String text;
        synchronized (this) {
            final byte[] current = store.get(key);
            final long sum = Long.parseLong(new String(increment, StandardCharsets.US_ASCII))
                + (current == null ? 0 : Long.parseLong(new String(current, StandardCharsets.US_ASCII)));
            text = Long.toString(sum);
            store.put(key, ascii(text));
        }
        answer(link, f, SUCCESS, ascii(text));
    }

    private void cas(final Link link, final RawFrame f, final String key, final byte[] expected,
        final byte[] replacement) throws IOException {
        byte[] exists = new byte[0];
        synchronized (this) {
            final byte[] current = store.get(key);
            if (current != null) {
                exists = current;
                if (Arrays.equals(current, expected)) {
                    store.put(key, replacement);
                }
            } else if (expected.length == 0) {
                store.put(key, replacement);
            }
        }
        answer(link, f, SUCCESS, reply(5, exists));
    }

    private static void answer(final Link link, final RawFrame request, final int result, final byte[] body)
        throws IOException {
        link.write(frame(request.type(), result, request.seqNo(), body));
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (final Socket s : sockets) {
            s.close();
        }
    }
}
