package org.memfabric.transport.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;
import org.memfabric.transport.spi.PeerConnection;
import org.memfabric.transport.spi.RegionDescriptor;
import org.memfabric.transport.spi.RegisteredRegion;

/**
 * Closing or deregistering while other threads are transferring ends every transfer with success or a
 * {@link TransportException}, never another error or a hang, and nothing touches the memory once close or
 * deregistration has returned.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class CloseWhileBusyConformanceTest extends TransportTestSupport {
    private static final int THREADS = 4;
    private static final int SLICE_BYTES = 16 * 1024;
    private static final int OPS_BEFORE_CLOSE = 200;
    private static final long WAIT_MS = 30_000;
    /** Transfers a worker may still complete after close returned before it gives up (and the test fails). */
    private static final int OPS_AFTER_CLOSE_LIMIT = 1000;

    /** Creates the test; subclasses supply the transport. */
    protected CloseWhileBusyConformanceTest() {
    }

    /** What the test closes while the workers run. */
    private enum Target { OWNER, REQUESTER, REGION }

    /**
     * The owner endpoint closes under load.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldEndEveryTransferCleanlyWhenTheOwnerClosesWhileBusy() throws Exception {
        runBusyAndClose(Target.OWNER);
    }

    /**
     * The requester endpoint closes under load.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldEndEveryTransferCleanlyWhenTheRequesterClosesWhileBusy() throws Exception {
        runBusyAndClose(Target.REQUESTER);
    }

    /**
     * The region is deregistered under load.
     *
     * @throws Exception when waiting fails
     */
    @Test
    public void shouldEndEveryTransferCleanlyWhenTheRegionIsDeregisteredWhileBusy() throws Exception {
        runBusyAndClose(Target.REGION);
    }

    private void runBusyAndClose(final Target target) throws Exception {
        final ByteBuffer memory = allocateRegionMemory(THREADS * SLICE_BYTES);
        final RegisteredRegion region = owner.registerRegion(memory);
        final RegionDescriptor remote = exported(region);
        final PeerConnection connection = connectToOwner();
        final AtomicInteger completed = new AtomicInteger();
        final CountDownLatch busy = new CountDownLatch(OPS_BEFORE_CLOSE);
        final byte[][] afterClose = new byte[1][];
        final AtomicBoolean closeReturned = new AtomicBoolean();
        final Thread closer = new Thread(() -> {
            try {
                if (!busy.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
                switch (target) {
                    case OWNER:
                        owner.close();
                        break;
                    case REQUESTER:
                        requester.close();
                        break;
                    default:
                        owner.deregisterRegion(region);
                        break;
                }
                if (target != Target.REQUESTER) {
                    afterClose[0] = TransportTestSupport.snapshot(memory);
                }
                closeReturned.set(true);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tck-closer");
        closer.setDaemon(true);
        closer.start();

        final List<Throwable> outcomes = Concurrently.run(THREADS, WAIT_MS, worker -> {
            final ByteBuffer source = pattern(SLICE_BYTES, worker);
            final ByteBuffer readTarget = ByteBuffer.allocateDirect(SLICE_BYTES);
            final long offset = (long) worker * SLICE_BYTES;
            int opsAfterClose = 0;
            for (int i = 0; opsAfterClose < OPS_AFTER_CLOSE_LIMIT; i++) {
                if (closeReturned.get()) {
                    opsAfterClose++;
                }
                if (i % 3 == 2) {
                    awaitOrThrow(connection.writeAsync(source, remote, offset));
                } else if (i % 3 == 1) {
                    connection.read(remote, offset, readTarget);
                } else {
                    connection.write(source, remote, offset);
                }
                completed.incrementAndGet();
                busy.countDown();
            }
        });
        closer.join(WAIT_MS);
        assertFalse(closer.isAlive(), "close did not return while transfers were running");

        for (final Throwable outcome : outcomes) {
            assertNotNull(outcome, "transfers kept succeeding after close returned: opsAfterClose="
                + OPS_AFTER_CLOSE_LIMIT);
            assertTrue(outcome instanceof TransportException, "transfers may only fail with TransportException: "
                + outcome);
        }
        assertTrue(completed.get() >= OPS_BEFORE_CLOSE, "completed=" + completed.get());
        if (afterClose[0] != null) {
            TransportTestSupport.assertUnchanged(afterClose[0], memory);
        }
        if (target == Target.REQUESTER) {
            assertFalse(connection.isOpen(), "closing an endpoint closes its connections");
        }
        connection.close();
    }

    private static void awaitOrThrow(final CompletableFuture<Void> future) throws Exception {
        final Throwable failure = awaitOutcome(future, WAIT_MS);
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        if (failure != null) {
            throw new AssertionError("asynchronous transfer failed with an error: " + failure, failure);
        }
    }
}
