package org.memfabric.configstore.client;

import java.io.IOException;

import org.memfabric.configstore.wire.FramedLink;
import org.memfabric.configstore.wire.StoreIoThread;

/**
 * A client link on a blocking socket (used for TLS): one reader thread per link reads and dispatches replies; sends
 * write on the calling thread, serialised by the {@link FramedLink}. Thread-safe.
 */
final class BlockingClientLink implements ClientLink {
    private final FramedLink link;
    private final Listener listener;
    private final String readerName;

    BlockingClientLink(final FramedLink link, final Listener listener, final String readerName) {
        this.link = link;
        this.listener = listener;
        this.readerName = readerName;
    }

    @Override
    public void send(final byte[] frame) throws IOException {
        link.write(frame);
    }

    @Override
    public void start() {
        new StoreIoThread(this::readLoop, readerName).start();
    }

    private void readLoop() {
        IOException failure;
        try {
            while (true) {
                listener.onFrame(link.read());
            }
        } catch (final IOException e) {
            failure = e;
        } catch (final RuntimeException e) {
            failure = new IOException("server sent a frame this client cannot handle: " + e.getMessage(), e);
        }
        link.close();
        listener.onBroken(failure);
    }

    @Override
    public void close() {
        link.close();
    }
}
