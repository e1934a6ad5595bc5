package org.memfabric.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.TransportException;
import org.memfabric.api.bm.BmMemType;
import org.memfabric.testkit.Patterns;
import org.memfabric.transport.local.LocalTransport;
import org.memfabric.transport.tcp.TcpTransport;

/** Leave and re-join while others run, and a transport withdrawn and replaced while copies are in flight. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MembershipAndHotSwapTest {
    private static void await(final String what, final java.util.function.BooleanSupplier condition)
        throws InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("condition not reached within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void roundTrip(final BmCluster c, final int from, final int to, final int seed) {
        final long gva = c.bm(from).ptr(BmMemType.HOST, to) + 1000;
        c.bm(from).copyToGlobal(Patterns.filled(4096, seed), gva);
        final ByteBuffer back = ByteBuffer.allocateDirect(4096);
        c.bm(to).copyFromGlobal(gva, back);
        Patterns.assertPattern(back, 0, 4096, seed);
    }

    @Test
    void shouldDropALeavingRankAndTakeItBackWhenItJoinsAgain() throws Exception {
        final LocalTransport t = new LocalTransport();
        try (BmCluster c = new BmCluster(3, t).joinAll()) {
            roundTrip(c, 0, 2, 1);

            c.bm(2).leave(0);
            assertFalse(c.bm(2).isJoined());
            await("ranks 0 and 1 drop rank 2", () -> !c.impl(0).routeNames().containsKey(2)
                && !c.impl(1).routeNames().containsKey(2));
            final InvalidArgumentException gone = assertThrows(InvalidArgumentException.class,
                () -> c.bm(0).copyToGlobal(Patterns.filled(8, 1), c.bm(0).ptr(BmMemType.HOST, 2)));
            assertTrue(gone.getMessage().contains("not a member"), gone.getMessage());
            roundTrip(c, 0, 1, 2);

            c.bm(2).join(0);
            await("rank 2 back at ranks 0 and 1", () -> c.impl(0).routeNames().containsKey(2)
                && c.impl(1).routeNames().containsKey(2));
            roundTrip(c, 1, 2, 3);
            roundTrip(c, 2, 0, 4);
        } finally {
            t.close();
        }
    }

    @Test
    void shouldFailInFlightCopiesTypedWhenTheTransportGoesAndUseTheNextOneLater() throws Exception {
        final LocalTransport first = new LocalTransport();
        final LocalTransport second = new LocalTransport();
        try (BmCluster c = new BmCluster(2, first).joinAll()) {
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicInteger ok = new AtomicInteger();
            final AtomicInteger typed = new AtomicInteger();
            final AtomicReference<Throwable> untyped = new AtomicReference<>();
            final long gva = c.bm(0).ptr(BmMemType.HOST, 1);
            final Thread traffic = new Thread(() -> {
                final ByteBuffer src = Patterns.filled(1 << 20, 9);
                while (!stop.get()) {
                    try {
                        c.bm(0).copyToGlobal(src, gva);
                        ok.incrementAndGet();
                    } catch (final TransportException e) {
                        typed.incrementAndGet();
                    } catch (final Throwable e) {
                        untyped.compareAndSet(null, e);
                    }
                }
            });
            traffic.start();
            await("some copies done", () -> ok.get() > 20);

            c.catalog.remove(first);
            await("copies fail typed without the transport", () -> typed.get() > 0);
            c.catalog.add(second);
            final int before = ok.get();
            await("copies succeed over the next transport", () -> ok.get() > before + 20);
            stop.set(true);
            traffic.join(20_000);

            if (untyped.get() != null) {
                throw new AssertionError("a copy failed with an untyped error", untyped.get());
            }
            assertEquals("local", c.impl(0).routeNames().get(1));
            roundTrip(c, 1, 0, 12);
        } catch (final MemFabricException e) {
            throw e;
        } finally {
            first.close();
            second.close();
        }
    }

    /**
     * The gap a route used to have: rank 0 gets the better transport first (rank 1 does not offer it yet, so the route
     * stays on tcp), rank 1 a moment later. Rank 0 must notice rank 1's new export through its store watch and move
     * to the better transport, and the copies running meanwhile must all succeed (the old route drains, it is not
     * cut).
     */
    @Test
    void shouldMoveToABetterTransportWhenThePeerOffersItLaterWithoutFailingCopies() throws Exception {
        final TcpTransport tcp = new TcpTransport();
        final LocalTransport local = new LocalTransport();
        try (BmCluster c = BmCluster.separateCatalogs(2, tcp).joinAll()) {
            roundTrip(c, 0, 1, 3);
            assertEquals("tcp", c.impl(0).routeNames().get(1));
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicInteger ok = new AtomicInteger();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final long gva = c.bm(0).ptr(BmMemType.HOST, 1);
            final Thread traffic = new Thread(() -> {
                final ByteBuffer src = Patterns.filled(256 * 1024, 5);
                while (!stop.get()) {
                    try {
                        c.bm(0).copyToGlobal(src, gva);
                        ok.incrementAndGet();
                    } catch (final Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
            traffic.start();
            try {
                await("copies running", () -> ok.get() > 5);
                c.catalogs.get(0).add(local);
                final int afterFirst = ok.get();
                await("copies after rank 0 got the local transport", () -> ok.get() > afterFirst + 5);
                assertEquals("tcp", c.impl(0).routeNames().get(1), "rank 1 does not offer local yet");

                c.catalogs.get(1).add(local);
                await("rank 0 routes to rank 1 over the local transport",
                    () -> "local".equals(c.impl(0).routeNames().get(1)));
                final int afterSecond = ok.get();
                await("copies over the local transport", () -> ok.get() > afterSecond + 5);
            } finally {
                stop.set(true);
                traffic.join(20_000);
            }
            if (failure.get() != null) {
                throw new AssertionError("a copy failed while the route moved", failure.get());
            }
            roundTrip(c, 0, 1, 6);
            roundTrip(c, 1, 0, 7);
            assertEquals("local", c.impl(1).routeNames().get(0));
        } finally {
            local.close();
            tcp.close();
        }
    }
}
