package org.memfabric.transport.tcp;

import java.io.IOException;

/**
 * The other side of a link broke the {@link TcpWireDescriptor wire protocol} (wrong magic, bad header, oversized
 * chunk, truncated frame, out-of-order reply): the link is closed, since its byte stream can no longer be trusted.
 */
final class TcpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    TcpProtocolException(final String message) {
        super(message);
    }
}
