package org.memfabric.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.store.ConfigStoreServer;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.store.StoreClientOptions;
import org.memfabric.api.store.StoreUrl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A config store server and client started through Config Admin (PID {@code org.memfabric.configstore}) in Felix:
 * the client service talks to the server, a second client from the {@link ConfigStoreService} sees its data, and
 * deleting the configuration withdraws both.
 */
@RunWith(PaxExam.class)
@ExamFactory(NativeTestContainerFactory.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigStoreIT {
    private static final long TIMEOUT_MS = 15_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ConfigStoreService stores;

    /**
     * The Felix deployment of all MemFabric bundles.
     *
     * @return the options
     */
    @Configuration
    public Option[] config() {
        return options(FelixOptions.memFabricOnFelix("config-store"));
    }

    @Test
    public void shouldRunAServerAndAClientFromConfigAdmin() throws Exception {
        final int port = freePort();
        final org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("org.memfabric.configstore", "?");
        final Hashtable<String, Object> props = new Hashtable<>();
        props.put("server.listen", "tcp://127.0.0.1:" + port);
        props.put("server.worldSize", 2);
        props.put("client.url", "tcp://127.0.0.1:" + port);
        props.put("client.rank", 0);
        props.put("client.worldSize", 2);
        cfg.update(props);

        final ConfigStore client = awaitService(ConfigStore.class);
        assertNotNull("no ConfigStore service after configuring client.url", client);
        final ServiceReference<ConfigStoreServer> serverRef = awaitReference(ConfigStoreServer.class);
        assertNotNull("no ConfigStoreServer service after configuring server.listen", serverRef);
        assertEquals("tcp://127.0.0.1:" + port, serverRef.getProperty("memfabric.store.url"));

        client.set("itest/key", "from-config-admin".getBytes(StandardCharsets.UTF_8));
        try (ConfigStore second = stores.connect(StoreUrl.parse("tcp://127.0.0.1:" + port),
            new StoreClientOptions().rank(1).worldSize(2))) {
            assertArrayEquals("from-config-admin".getBytes(StandardCharsets.UTF_8),
                second.get("itest/key", Duration.ofSeconds(5)));
            assertEquals(1, second.add("itest/counter", 1));
            assertEquals(2, client.add("itest/counter", 1));
        }

        cfg.delete();
        Problems.assertNone("deleting the configuration did not withdraw the store services",
            Deadline.awaitNoProblem(TIMEOUT_MS, () -> context.getServiceReference(ConfigStore.class) == null
                && context.getServiceReference(ConfigStoreServer.class) == null ? null : "still registered"));
        assertNull(context.getServiceReference(ConfigStoreServer.class));
    }

    private <T> T awaitService(final Class<T> type) throws InterruptedException {
        final ServiceReference<T> ref = awaitReference(type);
        return ref == null ? null : context.getService(ref);
    }

    private <T> ServiceReference<T> awaitReference(final Class<T> type) throws InterruptedException {
        final long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < end) {
            final ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                return ref;
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
