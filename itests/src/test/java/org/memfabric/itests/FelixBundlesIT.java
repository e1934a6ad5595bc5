package org.memfabric.itests;

import static org.junit.Assert.assertSame;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.memfabric.api.MemFabric;
import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.trans.TransferService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * All MemFabric bundles deployed into plain Felix with SCR: every bundle starts, every DS component activates, the
 * module services and a transport are registered, and the static facade hands out the registered services.
 */
@RunWith(PaxExam.class)
@ExamFactory(NativeTestContainerFactory.class)
@ExamReactorStrategy(PerClass.class)
public class FelixBundlesIT {
    private static final long ACTIVATION_TIMEOUT_MS = 10_000;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    /**
     * The Felix deployment of all MemFabric bundles.
     *
     * @return the options
     */
    @Configuration
    public Option[] config() {
        return options(FelixOptions.memFabricOnFelix("felix-bundles"));
    }

    @Test
    public void shouldStartEveryMemFabricBundle() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(ACTIVATION_TIMEOUT_MS,
            () -> ContainerState.bundlesNotActive(context));
        Problems.assertNone("MemFabric bundles not ACTIVE in Felix", problem);
    }

    @Test
    public void shouldActivateEveryDsComponentOfTheMemFabricBundles() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(ACTIVATION_TIMEOUT_MS,
            () -> ContainerState.componentsNotActivated(context, scr));
        Problems.assertNone("MemFabric DS components not ACTIVE or SATISFIED in Felix", problem);
    }

    @Test
    public void shouldRegisterTheModuleServicesAndATransport() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(ACTIVATION_TIMEOUT_MS,
            () -> ContainerState.servicesMissing(context));
        Problems.assertNone("module services missing in Felix", problem);
    }

    @Test
    public void shouldHandOutTheRegisteredBigMemoryServiceThroughTheFacade() throws InterruptedException {
        final BigMemoryService bigMemory = ContainerState.awaitService(context, BigMemoryService.class,
            ACTIVATION_TIMEOUT_MS);
        assertSame("MemFabric.bigMemory() is not the registered BigMemoryService", bigMemory, MemFabric.bigMemory());
    }

    @Test
    public void shouldHandOutTheRegisteredShareMemoryServiceThroughTheFacade() throws InterruptedException {
        final ShareMemoryService shareMemory = ContainerState.awaitService(context, ShareMemoryService.class,
            ACTIVATION_TIMEOUT_MS);
        assertSame("MemFabric.shareMemory() is not the registered ShareMemoryService",
            shareMemory, MemFabric.shareMemory());
    }

    @Test
    public void shouldHandOutTheRegisteredTransferServiceThroughTheFacade() throws InterruptedException {
        final TransferService transfer = ContainerState.awaitService(context, TransferService.class,
            ACTIVATION_TIMEOUT_MS);
        assertSame("MemFabric.transfer() is not the registered TransferService", transfer, MemFabric.transfer());
    }

    @Test
    public void shouldHandOutTheRegisteredConfigStoreServiceThroughTheFacade() throws InterruptedException {
        final ConfigStoreService configStore = ContainerState.awaitService(context, ConfigStoreService.class,
            ACTIVATION_TIMEOUT_MS);
        assertSame("MemFabric.configStores() is not the registered ConfigStoreService",
            configStore, MemFabric.configStores());
    }
}
