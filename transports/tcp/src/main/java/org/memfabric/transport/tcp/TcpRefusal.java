package org.memfabric.transport.tcp;

import org.memfabric.transport.spi.RegionAccessException.Refusal;

/**
 * The owner's decision not to serve a chunk request, before touching memory: why, and a {@code what: key=value}
 * message for the requester. Thrown by {@link TcpRegionTable#admit}; carries no stack trace, since it is an answer,
 * not a bug.
 */
final class TcpRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    TcpRefusal(final Refusal refusal, final String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    Refusal refusal() {
        return refusal;
    }
}
