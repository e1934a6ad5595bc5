package org.memfabric.trans;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.Validate;
import org.memfabric.api.store.StoreUrl;

/**
 * A transfer engine's unique id, {@code ip:port} or {@code [v6]:port}, parsed with the store URL rules as the
 * original does ({@code tcp://<uniqueId>}). Compares by its canonical text. Immutable.
 */
final class UniqueId {
    private final StoreUrl parsed;
    private final String text;

    private UniqueId(final StoreUrl parsed) {
        this.parsed = parsed;
        this.text = parsed.isIpv6() ? "[" + rfc5952(parsed.address().getAddress()) + "]:" + parsed.port()
            : parsed.hostPort();
    }

    /**
     * The recommended text of an IPv6 address (RFC 5952): lower-case hex groups without leading zeros, the longest
     * run of two or more zero groups (the first of equal runs) written as {@code ::}. So {@code [::1]:16000} stays
     * what the user wrote, where {@link java.net.InetAddress#getHostAddress()} gives {@code 0:0:0:0:0:0:0:1}.
     */
    static String rfc5952(final byte[] address) {
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    /**
     * Parses a unique id.
     *
     * @param uniqueId {@code ip:port} or {@code [v6]:port}
     * @return the id
     * @throws InvalidArgumentException naming the id when it is empty or malformed
     */
    static UniqueId parse(final String uniqueId) {
        Validate.notEmpty("uniqueId", uniqueId);
        try {
            return new UniqueId(StoreUrl.parse("tcp://" + uniqueId));
        } catch (final InvalidArgumentException e) {
            throw LastError.record(new InvalidArgumentException(
                "uniqueId must be ip:port or [v6]:port: uniqueId=" + uniqueId, e));
        }
    }

    /** The canonical {@code ip:port} text, used as the store key and the registry key. */
    String text() {
        return text;
    }

    InetAddress address() {
        return parsed.address();
    }

    /**
     * Whether the id's address belongs to this host, so that the TCP transport can listen on it.
     *
     * @return true for loopback, wildcard or an address of a local interface
     */
    boolean isLocalAddress() {
        final InetAddress a = parsed.address();
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (final SocketException e) {
            return false;
        }
    }

    /** The host part as the TCP transport's {@code tcp.listen} option wants it, with port 0. */
    String listenAnyPort() {
        return (parsed.isIpv6() ? "[" + parsed.address().getHostAddress() + "]" : parsed.address().getHostAddress())
            + ":0";
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof UniqueId && ((UniqueId) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
