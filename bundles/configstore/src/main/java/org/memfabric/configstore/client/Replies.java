package org.memfabric.configstore.client;

import java.nio.charset.StandardCharsets;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;
import org.memfabric.configstore.wire.Frame;
import org.memfabric.configstore.wire.StoreMessage;

/** Reads store replies: error codes into {@link StoreException}s, values and decimal numbers. Stateless. */
final class Replies {
    private Replies() {
    }

    /**
     * The error for a reply with a non-zero result.
     *
     * @param op the operation, for the message
     * @param key the full key
     * @param reply the reply
     * @return the exception naming the code and the server's text
     */
    static StoreException failure(final String op, final String key, final Frame reply) {
        final ErrorCode code = ErrorCode.of(reply.header().result());
        final String text = new String(reply.body(), 0, Math.min(reply.body().length, 256), StandardCharsets.UTF_8);
        return new StoreException(code, key, "store " + op + " failed: key=" + key + ", code=" + reply.header().result()
            + " (" + code.description() + "), server=" + printable(text), null);
    }

    /**
     * Whether a reply carries a result of 0.
     *
     * @param reply the reply
     * @return true for success
     */
    static boolean ok(final Frame reply) {
        return reply.header().result() == 0;
    }

    /**
     * Replaces control and non-ASCII characters by '?', so a server's text is safe to log.
     *
     * @param text the text
     * @return the printable text
     */
    static String printable(final String text) {
        final StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return b.toString();
    }

    /**
     * The value of a GET or CAS reply ({@code values[0]} of the packed message).
     *
     * @param frame the reply
     * @param key the full key, for the message
     * @return the value
     */
    static byte[] valueOf(final Frame frame, final String key) {
        final StoreMessage m = StoreMessage.decode(frame.body());
        if (m.values().isEmpty()) {
            throw new StoreException(ErrorCode.STORE_INVALID_MESSAGE, key, "store reply carries no value: key=" + key,
                null);
        }
        return m.values().get(0);
    }

    /**
     * The ASCII decimal body of an ADD or APPEND reply.
     *
     * @param frame the reply
     * @param op the operation, for the message
     * @param key the full key, for the message
     * @return the number
     */
    static long decimal(final Frame frame, final String op, final String key) {
        final String text = new String(frame.body(), StandardCharsets.ISO_8859_1);
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new StoreException(ErrorCode.STORE_INVALID_MESSAGE, key,
                "store " + op + " reply is not a decimal number: key=" + key + ", reply=" + printable(text), e);
        }
    }
}
