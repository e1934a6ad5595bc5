package org.memfabric.configstore.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memfabric.configstore.wire.RawWire.ascii;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.StoreFixture;
import org.memfabric.configstore.client.StoreClient;
import org.memfabric.configstore.wire.Await;
import org.memfabric.configstore.wire.LinkSecurity;
import org.memfabric.configstore.wire.RawWire;
import org.memfabric.configstore.wire.RawWire.RawFrame;

/**
 * Bad replies from a server never leave our client hanging: a malformed push is a broken link (reported, then
 * re-dialled), not a dead reader thread behind a link that still looks connected.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadServerReplyTest {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket serverSocket;

    @AfterEach
    void stop() throws IOException {
        if (serverSocket != null) {
            serverSocket.close();
        }
        for (final Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void shouldTreatAWatchReplyWithoutValuesAsABrokenLinkNotAHang() throws IOException {
        startServerAnsweringGetsWithoutValues();
        try (StoreClient client = StoreClient.connect(url(), StoreFixture.quick().requestTimeout(Duration.ofSeconds(2)),
            LinkSecurity.PLAINTEXT)) {
            final List<Integer> fired = new CopyOnWriteArrayList<>();
            client.watch("w", (result, key, value) -> fired.add(result));
            Await.until(() -> client.counters().snapshot().get("linkBreaks") >= 1 || !fired.isEmpty(),
                () -> "the malformed watch reply was neither reported nor treated as a broken link");
            client.set("after", ascii("x")); // answered on the (re-dialled) link, not a STORE_TIMEOUT
            assertEquals(0L, client.counters().snapshot().get("timeouts"), "calls after the bad reply got answers");
        }
    }

    /** Answers the handshake with 0, SETs with "success" and every GET with result 0 and a packed message of no values. */
    private void startServerAnsweringGetsWithoutValues() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread t = new Thread(() -> {
            while (!serverSocket.isClosed()) {
                try {
                    final Socket s = serverSocket.accept();
                    accepted.add(s);
                    final Thread link = new Thread(() -> serve(s), "bad-reply-link");
                    link.setDaemon(true);
                    link.start();
                } catch (final IOException e) {
                    return;
                }
            }
        }, "bad-reply-accept");
        t.setDaemon(true);
        t.start();
    }

    private static void serve(final Socket s) {
        try (s) {
            final DataInputStream in = new DataInputStream(s.getInputStream());
            final OutputStream out = s.getOutputStream();
            in.readFully(new byte[16]);
            out.write(new byte[] {0, 0});
            while (true) {
                final RawFrame f = RawWire.readFrame(in);
                final int type = RawWire.parse(f.body()).type();
                if (type == 8) {
                    continue;
                }
                final byte[] body = type == 1 ? RawWire.reply(1) : ascii("success");
                out.write(RawWire.frame(f.type(), 0, f.seqNo(), body));
                out.flush();
            }
        } catch (final IOException | RuntimeException e) {
            // link ended
        }
    }

    private StoreUrl url() {
        return StoreUrl.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort()));
    }
}
