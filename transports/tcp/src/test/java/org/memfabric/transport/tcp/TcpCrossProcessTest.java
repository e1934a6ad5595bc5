package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.memfabric.transport.tcp.TcpTestSupport.assertPattern;
import static org.memfabric.transport.tcp.TcpTestSupport.config;
import static org.memfabric.transport.tcp.TcpTestSupport.pattern;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.TransportEndpoint;

/**
 * A real second process owns the region: a child JVM started with this test's class path ({@link TcpChildOwner}).
 * The test writes and reads its memory, then kills or freezes it mid-traffic and expects a typed error within the
 * operation timeout, never a hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpCrossProcessTest {
    private static final int REGION_BYTES = 8 << 20;
    private static final long TIMEOUT_MS = 3000;
    /** Bound on how long after the kill the failure may come; generous, only to catch hangs. */
    private static final long FAILURE_BOUND_MS = TIMEOUT_MS + 15_000;

    private TcpTransport transport;
    private TransportEndpoint requester;
    private Process child;
    private PrintStream childIn;
    private BufferedReader childOut;
    private PeerDescriptor peer;
    private RegionDescriptor remote;
    private final AtomicLong ops = new AtomicLong();

    @BeforeEach
    void startChild() throws IOException {
        final String javaHome = System.getProperty("java.home");
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Path stderr = Files.createTempFile("tcp-child-owner", ".err");
        child = new ProcessBuilder(javaHome + File.separator + "bin" + File.separator + "java", "-Xmx256m",
            "-cp", classPath, TcpChildOwner.class.getName(), Integer.toString(REGION_BYTES))
            .redirectError(stderr.toFile())
            .start();
        childIn = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
        childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        final String ready = childOut.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            fail("child owner did not start: line=" + ready + ", stderr=" + Files.readString(stderr));
        }
        final String[] words = ready.split(" ");
        peer = PeerDescriptor.fromBytes(HexFormat.of().parseHex(words[1]));
        remote = RegionDescriptor.fromBytes(HexFormat.of().parseHex(words[2]));
        transport = new TcpTransport();
        requester = transport.open(config("parent-requester", TIMEOUT_MS));
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        if (transport != null) {
            transport.close();
        }
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private long childCrc(final int offset, final int length) throws IOException {
        childIn.println("CRC " + offset + " " + length);
        final String line = childOut.readLine();
        assertNotNull(line, "child owner gone");
        return Long.parseLong(line.substring("CRC ".length()));
    }

    @Test
    void shouldWriteAndReadTheMemoryOfAnotherProcess() throws IOException {
        try (PeerConnection connection = requester.connect(peer)) {
            final ByteBuffer initial = ByteBuffer.allocateDirect(REGION_BYTES);
            connection.read(remote, 0, initial);
            assertPattern(initial, 0, REGION_BYTES, TcpChildOwner.INITIAL_SEED);

            final ByteBuffer written = pattern(3 << 20, 31);
            connection.write(written, remote, 1 << 20);
            assertEquals(TcpChildOwner.crc(written, 0, 3 << 20), childCrc(1 << 20, 3 << 20));

            final ByteBuffer back = ByteBuffer.allocateDirect(3 << 20);
            connection.read(remote, 1 << 20, back);
            assertPattern(back, 0, 3 << 20, 31);
            assertEquals(TcpChildOwner.crc(initial, 0, 1 << 20), childCrc(0, 1 << 20),
                "bytes before the written range are untouched");
            assertEquals(5, connection.transferBatchAsync(List.of()).thenApply(none -> 5).join());
        }
        childIn.println("EXIT");
    }

    @Test
    void shouldFailWithATypedErrorWhenTheOwnerIsKilledMidTraffic() throws Exception {
        try (PeerConnection connection = requester.connect(peer)) {
            final AtomicLong killedAtNs = new AtomicLong();
            final CompletableFuture<Throwable> traffic = CompletableFuture.supplyAsync(
                () -> runUntilFailure(connection, killedAtNs));
            awaitOps(1000);
            killedAtNs.set(System.nanoTime());
            child.destroyForcibly();

            final Throwable failure = traffic.get(FAILURE_BOUND_MS + 10_000, TimeUnit.MILLISECONDS);
            final long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs.get());
            assertTrue(failure instanceof TransportException, "expected a TransportException: " + failure);
            assertTrue(failure.getMessage().contains(peer.address().toString()), failure.getMessage());
            assertTrue(failedAfterMs < FAILURE_BOUND_MS, "failedAfterMs=" + failedAfterMs);
            assertTrue(requester.counters().get("errors") >= 1);
        }
    }

    @Test
    void shouldTimeOutWhenTheOwnerIsFrozenMidTraffic() throws Exception {
        assumeTrue(new File("/bin/kill").canExecute(), "freezing the child needs /bin/kill -STOP");
        try (PeerConnection connection = requester.connect(peer)) {
            final AtomicLong frozenAtNs = new AtomicLong();
            final CompletableFuture<Throwable> traffic = CompletableFuture.supplyAsync(
                () -> runUntilFailure(connection, frozenAtNs));
            awaitOps(1000);
            frozenAtNs.set(System.nanoTime());
            signal("-STOP");
            try {
                final Throwable failure = traffic.get(FAILURE_BOUND_MS + 10_000, TimeUnit.MILLISECONDS);
                final long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAtNs.get());
                assertTrue(failure instanceof TransportException, "expected a TransportException: " + failure);
                assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
                assertTrue(failure.getMessage().contains(peer.address().toString()), failure.getMessage());
                assertTrue(failedAfterMs < FAILURE_BOUND_MS, "failedAfterMs=" + failedAfterMs);
                assertEquals(1, requester.counters().get("timeouts"));
            } finally {
                signal("-CONT");
            }
            // the owner is back: the connection opens a new link and works again
            final ByteBuffer back = ByteBuffer.allocateDirect(16);
            connection.read(remote, REGION_BYTES - 16, back);
            assertTrue(requester.counters().get("reconnects") >= 1, requester.counters().toString());
        }
    }

    private void awaitOps(final long count) throws InterruptedException {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ops.get() < count) {
            if (System.nanoTime() - deadlineNs > 0) {
                fail("traffic did not start: ops=" + ops.get());
            }
            Thread.sleep(5);
        }
    }

    /** Writes and reads until an operation fails; returns the failure. */
    private Throwable runUntilFailure(final PeerConnection connection, final AtomicLong stoppedAtNs) {
        final ByteBuffer source = pattern(1 << 20, 3);
        final ByteBuffer target = ByteBuffer.allocateDirect(1 << 20);
        try {
            for (long i = 0; ; i++) {
                final long offset = (i % 8) << 20;
                if (i % 2 == 0) {
                    connection.write(source, remote, offset);
                } else {
                    connection.read(remote, offset, target);
                }
                connection.write(source.duplicate().limit(8), remote, 0);
                ops.incrementAndGet();
                if (stoppedAtNs.get() != 0
                    && System.nanoTime() - stoppedAtNs.get() > TimeUnit.MILLISECONDS.toNanos(FAILURE_BOUND_MS)) {
                    return new AssertionError("transfers kept succeeding after the owner was stopped: ops=" + i);
                }
            }
        } catch (final RuntimeException failure) {
            return failure;
        }
    }

    private void signal(final String signal) throws IOException, InterruptedException {
        final Process kill = new ProcessBuilder("/bin/kill", signal, Long.toString(child.pid())).start();
        assertEquals(0, kill.waitFor(), "kill " + signal + " failed");
    }
}
