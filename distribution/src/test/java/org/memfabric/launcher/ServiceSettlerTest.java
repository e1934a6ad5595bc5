package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServiceSettlerTest {

    private static final String BM = "org.memfabric.api.bm.BigMemoryService";
    private static final String SHM = "org.memfabric.api.shm.ShareMemoryService";

    @RegisterExtension
    final RunningFrameworkExtension felix = new RunningFrameworkExtension();

    @Test
    void shouldReturnAllPresentOnceServicesRegisteredByAnotherThreadAppear() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread registrar = new Thread(() -> {
            try {
                waiting.await();
                FakeServices.register(felix.context(), BM, Map.of());
                FakeServices.register(felix.context(), SHM, Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-registrar");
        registrar.start();
        ServiceSettler settler = new ServiceSettler(felix.context(), List.of(BM, SHM), 50, 20_000);
        waiting.countDown();

        assertEquals(ServiceSettler.Outcome.ALL_PRESENT, settler.await(25_000));
        registrar.join();
    }

    @Test
    void shouldReturnStableWithMissingWhenAnExpectedServiceNeverComes() throws Exception {
        FakeServices.register(felix.context(), BM, Map.of());

        assertEquals(ServiceSettler.Outcome.STABLE_WITH_MISSING,
                new ServiceSettler(felix.context(), List.of(BM, SHM), 50, 200).await(20_000));
    }

    @Test
    void shouldTimeOutWhileServicesKeepChanging() throws Exception {
        AtomicBoolean churn = new AtomicBoolean(true);
        Thread churner = new Thread(() -> {
            while (churn.get()) {
                FakeServices.register(felix.context(), "test.Churn", Map.of()).unregister();
                Thread.onSpinWait();
            }
        }, "test-churner");
        churner.start();
        try {
            assertEquals(ServiceSettler.Outcome.TIMED_OUT,
                    new ServiceSettler(felix.context(), List.of(SHM), 500, 5_000).await(300));
        } finally {
            churn.set(false);
            churner.join();
        }
    }

    @Test
    void shouldRejectAStablePeriodShorterThanTheQuietPeriod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceSettler(felix.context(), List.of(), 100, 50));

        assertEquals("settle periods out of order: quietMs=100 stableMs=50", e.getMessage());
    }
}
