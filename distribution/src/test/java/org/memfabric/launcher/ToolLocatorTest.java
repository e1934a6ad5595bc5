package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ToolLocatorTest {

    @RegisterExtension
    final RunningFrameworkExtension felix = new RunningFrameworkExtension();

    /** A tool that only has a name and a summary. */
    static class FixedTool implements ToolCommand {
        private final String name;
        private final String summary;

        FixedTool(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return summary;
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) {
            return 0;
        }
    }

    private void register(ToolCommand tool, String name, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ToolCommand.NAME_PROPERTY, name);
        properties.put(Constants.SERVICE_RANKING, ranking);
        felix.context().registerService(ToolCommand.class, tool, properties);
    }

    @Test
    void shouldFindAToolRegisteredByAnotherThreadWhileWaiting() throws Exception {
        FixedTool store = new FixedTool("store", "serve");
        CountDownLatch waiting = new CountDownLatch(1);
        Thread registrar = new Thread(() -> {
            try {
                waiting.await();
                register(new FixedTool("other", "x"), "other", 0);
                register(store, "store", 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-registrar");
        registrar.start();
        ToolLocator locator = new ToolLocator(felix.context(), 20_000);
        waiting.countDown();

        Optional<ServiceReference<ToolCommand>> found = locator.await("store", 25_000);

        assertTrue(found.isPresent());
        assertSame(store, felix.context().getService(found.get()));
        registrar.join();
    }

    @Test
    void shouldGiveUpOnAnUnknownToolOnceTheRegistryStaysQuiet() throws Exception {
        register(new FixedTool("store", "serve"), "store", 0);
        long startNs = System.nanoTime();

        Optional<ServiceReference<ToolCommand>> found = new ToolLocator(felix.context(), 200).await("frob", 20_000);

        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(found.isEmpty());
        assertTrue(waitedMs >= 200 && waitedMs < 10_000, "waitedMs=" + waitedMs);
    }

    @Test
    void shouldPickTheHighestRankedToolOfAName() throws Exception {
        FixedTool low = new FixedTool("store", "low");
        FixedTool high = new FixedTool("store", "high");
        register(low, "store", 1);
        register(high, "store", 5);

        ServiceReference<ToolCommand> found = new ToolLocator(felix.context(), 0).find("store").orElseThrow();

        assertSame(high, felix.context().getService(found));
    }

    @Test
    void shouldListToolsSortedByNameWithTheirSummaries() {
        register(new FixedTool("tls", "certificates"), "tls", 0);
        register(new FixedTool("bench", "measure"), "bench", 0);
        register(new FixedTool("broken", "never") {
            @Override
            public String summary() {
                throw new IllegalStateException("no summary");
            }
        }, "broken", 0);

        Map<String, String> tools = new ToolLocator(felix.context(), 0).list();

        assertEquals(List.of("bench", "broken", "tls"), List.copyOf(tools.keySet()));
        assertEquals("measure", tools.get("bench"));
        assertTrue(tools.get("broken").startsWith("(summary failed: java.lang.IllegalStateException: no summary"),
                tools.get("broken"));
    }
}
