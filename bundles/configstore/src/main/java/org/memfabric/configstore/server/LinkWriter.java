package org.memfabric.configstore.server;

/**
 * Where the frames for one client link go: a non-blocking channel served by a selector loop (plaintext) or a
 * blocking socket with its own queue (TLS). Implementations are thread-safe and never block the caller on a peer
 * that does not read.
 */
interface LinkWriter {
    /**
     * Queues one encoded frame; dropped silently when the link is closed.
     *
     * @param frame the bytes
     * @param fromOwnReader true when called by the thread that reads this link
     */
    void send(byte[] frame, boolean fromOwnReader);

    /** Stops sending and closes the socket; the link's reader then reports the end of the link. */
    void close();
}
