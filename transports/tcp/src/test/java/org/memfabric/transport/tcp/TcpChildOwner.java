package org.memfabric.transport.tcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.RegisteredRegion;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * The main class of a child JVM that owns a region for the cross-process tests. It opens a TCP endpoint, registers a
 * region filled with the pattern of seed {@value #INITIAL_SEED}, prints {@code READY <peer hex> <region hex>} and then
 * answers commands on stdin, one per line: {@code CRC <offset> <length>} prints {@code CRC <crc32c>} of that range
 * of its memory; {@code EXIT} closes everything and exits.
 */
public final class TcpChildOwner {
    /** The seed of the region's initial content. */
    static final int INITIAL_SEED = 77;

    private TcpChildOwner() {
    }

    /**
     * Runs the child.
     *
     * @param args the region size in bytes
     * @throws Exception when anything fails; the parent sees the stack trace on stderr
     */
    public static void main(final String[] args) throws Exception {
        final int sizeBytes = Integer.parseInt(args[0]);
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (TcpTransport transport = new TcpTransport()) {
            final TransportEndpoint endpoint = transport.open(EndpointConfig.builder("child-owner").rank(5).build());
            final RegisteredRegion region = endpoint.registerRegion(TcpTestSupport.pattern(sizeBytes, INITIAL_SEED));
            out.println("READY " + HexFormat.of().formatHex(endpoint.descriptor().toBytes()) + " "
                + HexFormat.of().formatHex(region.descriptor().toBytes()));
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
                final String[] words = line.split(" ");
                if (words[0].equals("CRC")) {
                    out.println("CRC " + crc(region.memory(), Integer.parseInt(words[1]), Integer.parseInt(words[2])));
                }
            }
        }
    }

    /** The CRC32C of {@code [offset, offset + length)} of a buffer. */
    static long crc(final ByteBuffer buffer, final int offset, final int length) {
        final CRC32C crc = new CRC32C();
        final ByteBuffer range = buffer.duplicate().clear();
        range.limit(offset + length).position(offset);
        crc.update(range);
        return crc.getValue();
    }
}
