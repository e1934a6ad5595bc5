package org.memfabric.tools;

import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.bmbench.BmBenchRankTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric bench-bm-rank} ({@link BmBenchRankTool}), a passive rank of {@code bench bm}. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + BmBenchRankTool.NAME)
public final class BenchBmRankToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param bm the BM module
     * @param stores the config store module
     */
    @Activate
    public BenchBmRankToolComponent(@Reference final BigMemoryService bm,
        @Reference final ConfigStoreService stores) {
        super(new BmBenchRankTool(bm, stores));
    }
}
