package org.memfabric.transport.spi;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.TransportException;

class AsyncTransferPoolTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailQueuedTransfersWhenClosed() throws Exception {
        final AsyncTransferPool executor = new AsyncTransferPool("local", 1, 4096);
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<Void> blocker = executor.submit(() -> {
            running.countDown();
            awaitQuietly(release);
        }, () -> "blocker");
        running.await();
        final CompletableFuture<Void> queued = executor.submit(() -> { }, () -> "queued: regionId=1");

        final Thread closer = new Thread(executor::close);
        closer.start();
        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TransportException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("queued: regionId=1"), failure.getCause().getMessage());

        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        closer.join();
        final CompletableFuture<Void> late = executor.submit(() -> { }, () -> "late");
        assertInstanceOf(TransportException.class,
            assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS)).getCause());
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
