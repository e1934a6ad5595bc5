package org.memfabric.bm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

import org.memfabric.api.InvalidArgumentException;

/**
 * The host transport's listen address from {@code BmConfig.nicUrl} ({@code hcomUrl}): {@code tcp://a.b.c.d:port},
 * {@code tcp://[v6]:port}, or {@code tcp://a.b.c.d/mask:port} (the local IPv4 address inside that subnet; mask 0
 * means "any local address", preferring a non-loopback one). As in the original every rank listens on
 * {@code port + rank}; port 1024..65535. An empty URL means loopback and an ephemeral port. Stateless.
 */
final class NicUrl {
    private NicUrl() {
    }

    /**
     * The host peers should connect to when the listen address is a wildcard ({@code 0.0.0.0}, {@code [::]}): the
     * first non-loopback IPv4 address of an interface that is up, else {@code 127.0.0.1}; empty otherwise.
     */
    static String advertiseHost(final String listenAddress) {
        if (!listenAddress.startsWith("0.0.0.0:") && !listenAddress.startsWith("[::]:")) {
            return "";
        }
        try {
            for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (final InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address) {
                        return a.getAddress().getHostAddress();
                    }
                }
            }
        } catch (final SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }

    /** The {@code host:port} (or {@code [v6]:port}) a rank listens on. */
    static String listenAddress(final String nicUrl, final int rank) {
        if (nicUrl == null || nicUrl.isEmpty()) {
            return "127.0.0.1:0";
        }
        if (!nicUrl.startsWith("tcp://")) {
            throw bad(nicUrl, "scheme must be tcp://");
        }
        final String rest = nicUrl.substring("tcp://".length());
        final int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw bad(nicUrl, "port missing");
        }
        final int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (final NumberFormatException e) {
            throw bad(nicUrl, "port is not a number");
        }
        if (port < 1024 || port > 65535) {
            throw bad(nicUrl, "port must be 1024..65535");
        }
        if (port + rank > 65535) {
            throw bad(nicUrl, "port + rank exceeds 65535: rank=" + rank);
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            return host + ":" + (port + rank);
        }
        final int slash = host.indexOf('/');
        if (slash >= 0) {
            host = inSubnet(nicUrl, host.substring(0, slash), host.substring(slash + 1));
        }
        return host + ":" + (port + rank);
    }

    private static String inSubnet(final String url, final String network, final String maskText) {
        final int mask;
        try {
            mask = Integer.parseInt(maskText);
        } catch (final NumberFormatException e) {
            throw bad(url, "mask is not a number");
        }
        if (mask < 0 || mask > 32) {
            throw bad(url, "mask must be 0..32");
        }
        final int net;
        try {
            net = toInt(InetAddress.getByName(network));
        } catch (final UnknownHostException | ClassCastException e) {
            throw bad(url, "network must be an IPv4 address");
        }
        final int bits = mask == 0 ? 0 : -1 << (32 - mask);
        String loopback = null;
        try {
            for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (final InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (!(a.getAddress() instanceof Inet4Address) || (toInt(a.getAddress()) & bits) != (net & bits)) {
                        continue;
                    }
                    if (!a.getAddress().isLoopbackAddress()) {
                        return a.getAddress().getHostAddress();
                    }
                    loopback = a.getAddress().getHostAddress();
                }
            }
        } catch (final SocketException e) {
            throw new InvalidArgumentException("cannot list network interfaces for nicUrl: nicUrl=" + url, e);
        }
        if (loopback != null) {
            return loopback;
        }
        throw bad(url, "no local IPv4 address in the subnet");
    }

    private static int toInt(final InetAddress address) {
        final byte[] b = ((Inet4Address) address).getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    private static InvalidArgumentException bad(final String url, final String what) {
        return new InvalidArgumentException("nicUrl " + what + ": nicUrl=" + url);
    }
}
