package org.memfabric.transport.tcp;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/**
 * A host and a port as the TCP transport prints and parses them: {@code host:port}, or {@code [v6]:port} for an IPv6
 * literal. Immutable. Parsing is syntactic only; names are resolved when a link is opened, never here.
 */
final class TcpHostPort {
    /** Longest host part accepted, in characters (a DNS name is at most 253). */
    static final int MAX_HOST_CHARS = 253;

    private final String host;
    private final int port;

    TcpHostPort(final String host, final int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}.
     *
     * @param key the option or field being parsed, for the message
     * @param text the text
     * @param allowPortZero whether port 0 (ephemeral, for listening) is acceptable
     * @return the host and port
     * @throws InvalidArgumentException naming the key and the text when malformed
     */
    static TcpHostPort parse(final String key, final String text, final boolean allowPortZero) {
        final String problem = problem(text, allowPortZero);
        if (problem != null) {
            throw LastError.record(new InvalidArgumentException(key + " must be host:port or [v6]:port (" + problem
                + "): " + key + "=" + text));
        }
        return split(text);
    }

    /**
     * Parses a peer's address, which must name a port to connect to.
     *
     * @return null when the text is malformed
     */
    static TcpHostPort tryParsePeer(final String text) {
        return problem(text, false) == null ? split(text) : null;
    }

    /** What is wrong with the text, or null. */
    static String problem(final String text, final boolean allowPortZero) {
        if (text == null || text.isEmpty()) {
            return "empty";
        }
        final int colon;
        final String hostPart;
        if (text.charAt(0) == '[') {
            final int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return "an IPv6 literal needs [v6]:port";
            }
            hostPart = text.substring(1, close);
            colon = close + 1;
            if (hostPart.indexOf(':') < 0) {
                return "brackets are for IPv6 literals only";
            }
        } else {
            colon = text.lastIndexOf(':');
            if (colon < 0) {
                return "no port";
            }
            hostPart = text.substring(0, colon);
            if (hostPart.indexOf(':') >= 0) {
                return "an IPv6 literal needs brackets";
            }
        }
        if (hostPart.isEmpty() || hostPart.length() > MAX_HOST_CHARS) {
            return "host must have 1.." + MAX_HOST_CHARS + " characters";
        }
        for (int i = 0; i < hostPart.length(); i++) {
            final char c = hostPart.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '[' || c == ']' || c == '@') {
                return "host has a forbidden character";
            }
        }
        final String portPart = text.substring(colon + 1);
        if (portPart.isEmpty() || portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "port must be a number";
        }
        final int port = Integer.parseInt(portPart);
        if (port > 65535 || port == 0 && !allowPortZero) {
            return allowPortZero ? "port must be 0..65535" : "port must be 1..65535";
        }
        return null;
    }

    private static TcpHostPort split(final String text) {
        final int colon = text.lastIndexOf(':');
        final String hostPart = text.charAt(0) == '[' ? text.substring(1, colon - 1) : text.substring(0, colon);
        return new TcpHostPort(hostPart, Integer.parseInt(text.substring(colon + 1)));
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Whether the host is an IPv6 literal. */
    boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** A socket address; resolves a host name (may block on DNS), yields an unresolved address when it cannot. */
    InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** The printable form: {@code host:port} or {@code [v6]:port}. */
    @Override
    public String toString() {
        return (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
    }

    /** The printable form of a bound socket address: the literal IP (with its zone, if any) and the port. */
    static TcpHostPort ofBound(final InetSocketAddress bound) {
        return new TcpHostPort(bound.getAddress().getHostAddress().toLowerCase(Locale.ROOT), bound.getPort());
    }
}
