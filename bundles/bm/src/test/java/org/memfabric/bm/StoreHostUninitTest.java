package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.transport.local.LocalTransport;

/** The rank hosting the store may uninit first: the others still leave through the store it keeps up a little. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreHostUninitTest {
    @Test
    void shouldLetTheOtherRanksLeaveAfterTheStoreHostStartedToUninit() throws Exception {
        final LocalTransport t = new LocalTransport();
        try (BmCluster c = new BmCluster(3, t).joinAll()) {
            final CompletableFuture<Void> hostGone = CompletableFuture.runAsync(() -> c.services.get(0).uninit(0));
            Thread.sleep(200); // rank 0 has left its group and now waits for the others' links
            c.bm(1).leave(0); // would fail with STORE_IO_ERROR if the store were already down
            c.bm(2).leave(0);
            c.services.get(1).uninit(0);
            c.services.get(2).uninit(0);
            hostGone.get(30, TimeUnit.SECONDS);
            assertFalse(c.services.get(0).isInitialized());
        } finally {
            t.close();
        }
    }
}
