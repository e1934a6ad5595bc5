package org.memfabric.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The in-process transport is hot-swappable in Felix: stopping its bundle withdraws its Transport service, starting
 * it again registers a new one, and the rest of the fabric keeps running throughout.
 */
@RunWith(PaxExam.class)
@ExamFactory(NativeTestContainerFactory.class)
@ExamReactorStrategy(PerClass.class)
public class TransportHotSwapIT {
    private static final long SWAP_TIMEOUT_MS = 10_000;
    private static final String LOCAL = MemFabricBundles.TRANSPORT_LOCAL;

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
        return options(FelixOptions.memFabricOnFelix("transport-hot-swap"));
    }

    @Test
    public void shouldWithdrawAndRestoreTheLocalTransportWhileTheOtherBundlesKeepRunning()
        throws BundleException, InterruptedException {
        final Bundle local = ContainerState.find(context, LOCAL);
        assertNotNull(LOCAL + " is not installed", local);
        Problems.assertNone("before the swap, " + LOCAL + " registers no Transport",
            Deadline.awaitNoProblem(SWAP_TIMEOUT_MS, () -> localTransportIds().isEmpty() ? "none registered" : null));
        final Set<Object> before = localTransportIds();

        local.stop();
        Problems.assertNone("after stopping " + LOCAL + ", its Transport is still registered",
            Deadline.awaitNoProblem(SWAP_TIMEOUT_MS,
                () -> localTransportIds().isEmpty() ? null : "service.id " + localTransportIds()));
        assertEquals("state of " + LOCAL + " after stop()", "RESOLVED", ContainerState.stateName(local.getState()));
        Problems.assertNone("while " + LOCAL + " is stopped, other MemFabric bundles are not ACTIVE",
            othersNotActive());

        local.start();
        Problems.assertNone("after starting " + LOCAL + " again, no Transport is registered",
            Deadline.awaitNoProblem(SWAP_TIMEOUT_MS, () -> localTransportIds().isEmpty() ? "none registered" : null));
        final Set<Object> after = localTransportIds();
        assertTrue("after the restart the Transport is still the old registration: before=" + before
            + ", after=" + after, Collections.disjoint(before, after));
        Problems.assertNone("after the swap, MemFabric bundles are not ACTIVE",
            ContainerState.bundlesNotActive(context));
        Problems.assertNone("after the swap, MemFabric DS components are not ACTIVE or SATISFIED",
            Deadline.awaitNoProblem(SWAP_TIMEOUT_MS, () -> ContainerState.componentsNotActivated(context, scr)));
        Problems.assertNone("after the swap, module services are missing", ContainerState.servicesMissing(context));
    }

    private Set<Object> localTransportIds() {
        return ContainerState.transportsOf(context, LOCAL).stream()
            .map(ref -> ref.getProperty(Constants.SERVICE_ID))
            .collect(Collectors.toSet());
    }

    private String othersNotActive() {
        final List<String> problems = new ArrayList<>();
        for (final String name : MemFabricBundles.ALL) {
            final Bundle bundle = ContainerState.find(context, name);
            if (!LOCAL.equals(name) && (bundle == null || bundle.getState() != Bundle.ACTIVE)) {
                problems.add(name + ": "
                    + (bundle == null ? "not installed" : ContainerState.stateName(bundle.getState())));
            }
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }
}
