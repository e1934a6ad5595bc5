package org.memfabric.configstore.wire;

import java.io.IOException;

/** The peer of a link did not read: more bytes were queued for it than the link allows, so the link was closed. */
public final class LinkOverflowException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param queuedBytes bytes queued when the limit was crossed
     * @param maxQueuedBytes the limit
     */
    public LinkOverflowException(final long queuedBytes, final long maxQueuedBytes) {
        super("link peer does not read, link closed: queuedBytes=" + queuedBytes + ", maxQueuedBytes="
            + maxQueuedBytes);
    }
}
