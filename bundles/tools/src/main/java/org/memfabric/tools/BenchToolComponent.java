package org.memfabric.tools;

import java.nio.file.Path;

import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.bmbench.BmBenchTool;
import org.memfabric.tools.bench.BenchTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric bench} ({@link BenchTool}: {@code bench store}, {@code bench bm}). Stateless; the launcher's main thread calls it. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + BenchTool.NAME)
public final class BenchToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param stores the config store service
     * @param bm the BM module, for {@code bench bm}
     */
    @Activate
    public BenchToolComponent(@Reference final ConfigStoreService stores, @Reference final BigMemoryService bm) {
        super(new BenchTool(stores, new BmBenchTool(bm, stores,
            Path.of(System.getProperty("memfabric.home", "."), "bin", "memfabric"))));
    }
}
