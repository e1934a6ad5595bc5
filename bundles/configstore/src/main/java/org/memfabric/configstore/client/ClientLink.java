package org.memfabric.configstore.client;

import java.io.IOException;

/**
 * One established link of a {@link StoreClient}, after the handshake: frames out, frames in through the
 * {@link Listener} given when it was dialled. Implementations are thread-safe.
 */
interface ClientLink {
    /** What the link reports, on its reading thread (a selector loop or the link's own reader). */
    interface Listener {
        /**
         * One frame from the server. Must not block.
         *
         * @param frame the frame
         */
        void onFrame(org.memfabric.configstore.wire.Frame frame);

        /**
         * The link ended (closed by the server, broken, or closed by {@link ClientLink#close()}); called once, after
         * the last {@link #onFrame}.
         *
         * @param cause why
         */
        void onBroken(IOException cause);
    }

    /**
     * Sends one encoded frame; a non-blocking link queues what the socket does not take at once, a blocking (TLS)
     * link writes on the calling thread.
     *
     * @param frame the bytes
     * @throws IOException when the link is closed or the write fails
     */
    void send(byte[] frame) throws IOException;

    /** Starts reading; frames and the end of the link are reported from then on. Call once. */
    void start();

    /** Closes the socket; the listener then hears {@link Listener#onBroken} (if reading started). Idempotent. */
    void close();
}
