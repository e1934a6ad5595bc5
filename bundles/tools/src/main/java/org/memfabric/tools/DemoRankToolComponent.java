package org.memfabric.tools;

import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.demo.DemoRankTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric demo-rank} ({@link DemoRankTool}), one rank of the demo. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + DemoRankTool.NAME)
public final class DemoRankToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param bm the BM module
     * @param stores the config store module
     */
    @Activate
    public DemoRankToolComponent(@Reference final BigMemoryService bm, @Reference final ConfigStoreService stores) {
        super(new DemoRankTool(bm, stores));
    }
}
