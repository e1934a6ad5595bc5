package org.memfabric.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.StoreException;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreServerOptions;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.configstore.ConfigStoreServiceImpl;

/** The completion-driven throughput driver: one request outstanding per connection, the budget, failures. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncThroughputBenchTest {
    private final ConfigStoreServiceImpl stores = new ConfigStoreServiceImpl();

    @AfterEach
    void closeEverything() {
        stores.close();
    }

    /** Counts the async calls made through a store and the most that were outstanding at once. */
    private static final class Counting implements InvocationHandler {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger mostOutstanding = new AtomicInteger();
        private final ConfigStore target;

        Counting(final ConfigStore target) {
            this.target = target;
        }

        ConfigStore store() {
            return (ConfigStore) Proxy.newProxyInstance(ConfigStore.class.getClassLoader(),
                new Class<?>[] {ConfigStore.class}, this);
        }

        @Override
        public Object invoke(final Object proxy, final java.lang.reflect.Method method, final Object[] args)
            throws Throwable {
            final Object result;
            try {
                result = method.invoke(target, args);
            } catch (final InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof CompletableFuture) {
                calls.incrementAndGet();
                mostOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                return ((CompletableFuture<?>) result).whenComplete((v, e) -> outstanding.decrementAndGet());
            }
            return result;
        }
    }

    private List<ConfigStore> connect(final ConfigStoreServer server, final int count) {
        final List<ConfigStore> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(stores.connect(server.url(), new StoreClientOptions()).withPrefix("bench-test/"));
        }
        return clients;
    }

    @Test
    void shouldKeepExactlyOneRequestOutstandingPerConnectionAndSpendTheWholeBudget() throws Exception {
        final ConfigStoreServer server = stores.startServer(StoreUrl.parseListen("tcp://127.0.0.1:0"),
            new StoreServerOptions());
        final List<Counting> counters = new ArrayList<>();
        final List<ConfigStore> clients = new ArrayList<>();
        for (final ConfigStore c : connect(server, 4)) {
            final Counting counting = new Counting(c);
            counters.add(counting);
            clients.add(counting.store());
        }

        final BenchRow set;
        final BenchRow get;
        try (AsyncThroughputBench bench = new AsyncThroughputBench(clients, "key", new byte[32])) {
            set = bench.run(ThroughputDriver.Op.SET, 1000, 100);
            get = bench.run(ThroughputDriver.Op.GET, 1000, 0);
        }

        assertEquals(1000, set.latency().count());
        assertEquals(1000, get.latency().count());
        assertEquals("async", set.driver());
        assertTrue(set.csv().startsWith("throughput,SET,4,0,32,1000,"), set.csv());
        assertTrue(set.opsPerSecond() > 0 && get.opsPerSecond() > 0);
        int total = 0;
        for (final Counting c : counters) {
            assertEquals(1, c.mostOutstanding.get(), "one request in flight per connection");
            assertTrue(c.calls.get() > 0, "every connection took part");
            total += c.calls.get();
        }
        assertEquals(1000 + 100 + 1000, total, "exactly the budget: warm-up plus measured calls");
        assertEquals(32, stores.connect(server.url(), new StoreClientOptions()).get("bench-test/key", Duration.ZERO)
            .length);
    }

    @Test
    void shouldStopAtTheFirstFailureAndReportIt() {
        final StoreException broken = new StoreException(ErrorCode.STORE_IO_ERROR, "key", "store link broken: test",
            null);
        final AtomicInteger calls = new AtomicInteger();
        final ConfigStore failing = asyncOnly((method, args) -> calls.incrementAndGet() < 50
            ? CompletableFuture.supplyAsync(() -> null) : CompletableFuture.failedFuture(broken));

        final StoreException e;
        try (AsyncThroughputBench bench = new AsyncThroughputBench(List.of(failing, failing), "key", new byte[1])) {
            e = assertThrows(StoreException.class, () -> bench.run(ThroughputDriver.Op.GET, 1_000_000, 0));
        }

        assertSame(broken, e);
        assertTrue(calls.get() < 1000, "no more calls after the failure: calls=" + calls.get());
    }

    @Test
    void shouldNotRecurseWhenCallsCompleteOnTheIssuingThread() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        final ConfigStore immediate = asyncOnly((method, args) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        final BenchRow row;
        try (AsyncThroughputBench bench = new AsyncThroughputBench(List.of(immediate), "key", new byte[1])) {
            row = bench.run(ThroughputDriver.Op.SET, 200_000, 0);
        }

        assertEquals(200_000, row.latency().count());
        assertEquals(200_000, calls.get());
    }

    /** A store whose async methods answer as told (for driver behaviour without a server). */
    private interface AsyncAnswer {
        CompletableFuture<?> answer(String method, Object[] args);
    }

    private static ConfigStore asyncOnly(final AsyncAnswer answer) {
        return (ConfigStore) Proxy.newProxyInstance(ConfigStore.class.getClassLoader(),
            new Class<?>[] {ConfigStore.class}, (proxy, method, args) -> {
                if (method.getName().endsWith("Async")) {
                    return answer.answer(method.getName(), args);
                }
                throw new UnsupportedOperationException("not used by the driver: " + method.getName());
            });
    }
}
