package org.memfabric.api.store;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/**
 * A config store address: {@code tcp://a.b.c.d:port} or {@code tcp://[ipv6]:port} ({@code tcp6://[ipv6]:port},
 * which the seeds document, is accepted as well). Hosts are IP literals only, so parsing never touches DNS.
 *
 * <p>Immutable. Errors say which part is wrong and quote the input, e.g.
 * {@code "store url port must be 1..65535: url=tcp://127.0.0.1:70000, port=70000"}.
 */
public final class StoreUrl {
    private static final Pattern URL = Pattern.compile("^(tcp|tcp6)://(\\[([^\\]]*)\\]|([^:/\\[\\]]*)):([0-9]{1,5})$");
    private static final Pattern IPV4 =
        Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");

    private final InetAddress address;
    private final int port;

    private StoreUrl(final InetAddress address, final int port) {
        this.address = address;
        this.port = port;
    }

    /**
     * Parses the address of a store to connect to. The port must be 1..65535 and the host must not be a wildcard
     * address.
     *
     * @param url the URL
     * @return the parsed URL
     * @throws InvalidArgumentException naming what is wrong
     */
    public static StoreUrl parse(final String url) {
        final StoreUrl parsed = parseAny(url);
        if (parsed.port == 0) {
            throw fail("store url port must be 1..65535: url=" + url + ", port=0");
        }
        if (parsed.address.isAnyLocalAddress()) {
            throw fail("store url host must not be a wildcard address when connecting: url=" + url);
        }
        return parsed;
    }

    /**
     * Parses an address to listen on: like {@link #parse} but port 0 (any free port) and wildcard hosts
     * ({@code 0.0.0.0}, {@code [::]}) are allowed.
     *
     * @param url the URL
     * @return the parsed URL
     * @throws InvalidArgumentException naming what is wrong
     */
    public static StoreUrl parseListen(final String url) {
        return parseAny(url);
    }

    /**
     * Builds a URL from a socket address.
     *
     * @param address an address with an IP
     * @return the URL
     */
    public static StoreUrl of(final InetSocketAddress address) {
        if (address == null || address.getAddress() == null) {
            throw fail("store address must be a resolved IP address: address=" + address);
        }
        if (address.getPort() < 0 || address.getPort() > 65535) {
            throw fail("store url port must be 0..65535: port=" + address.getPort());
        }
        return new StoreUrl(address.getAddress(), address.getPort());
    }

    private static StoreUrl parseAny(final String url) {
        if (url == null || url.isEmpty()) {
            throw fail("store url must not be empty: url=" + (url == null ? "null" : "\"\""));
        }
        final Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw fail("store url must look like tcp://a.b.c.d:port or tcp://[v6]:port: url=" + url);
        }
        final int port = Integer.parseInt(m.group(5));
        if (port > 65535) {
            throw fail("store url port must be 1..65535: url=" + url + ", port=" + port);
        }
        final String v6 = m.group(3);
        final InetAddress address;
        if (v6 != null) {
            address = parseV6(url, v6);
        } else {
            final String v4 = m.group(4);
            if (!IPV4.matcher(v4).matches()) {
                throw fail("store url host must be an IPv4 dotted quad or a bracketed IPv6 literal: url=" + url
                    + ", host=" + v4);
            }
            address = literal(url, v4);
        }
        if ("tcp6".equals(m.group(1).toLowerCase(Locale.ROOT)) && v6 == null) {
            throw fail("store url scheme tcp6 needs a bracketed IPv6 host: url=" + url);
        }
        return new StoreUrl(address, port);
    }

    private static InetAddress parseV6(final String url, final String host) {
        if (host.isEmpty() || !IPV6_CHARS.matcher(host).matches() || host.indexOf(':') < 0) {
            throw fail("store url IPv6 host is not a valid literal: url=" + url + ", host=" + host);
        }
        return literal(url, host);
    }

    private static InetAddress literal(final String url, final String host) {
        try {
            // host is checked to be an IP literal above, so no name lookup happens here
            return InetAddress.getByName(host);
        } catch (final UnknownHostException e) {
            throw fail("store url host is not a valid IP literal: url=" + url + ", host=" + host);
        }
    }

    private static InvalidArgumentException fail(final String message) {
        return LastError.record(new InvalidArgumentException(message));
    }

    /**
     * The IP address.
     *
     * @return the address
     */
    public InetAddress address() {
        return address;
    }

    /**
     * The port; 0 only for listen addresses meaning "any free port".
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether the host is IPv6.
     *
     * @return true for IPv6
     */
    public boolean isIpv6() {
        return address.getAddress().length == 16;
    }

    /**
     * The socket address.
     *
     * @return the address
     */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /**
     * The {@code ip:port} key the original uses to identify a store in a process ({@code [v6]:port} for IPv6).
     *
     * @return the key
     */
    public String hostPort() {
        return (isIpv6() ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + port;
    }

    @Override
    public String toString() {
        return "tcp://" + hostPort();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof StoreUrl && ((StoreUrl) o).port == port && ((StoreUrl) o).address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + port;
    }
}
