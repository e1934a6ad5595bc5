package org.memfabric.tools;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.trans.TransferService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.transbench.TransBenchRankTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric bench-trans-rank} ({@link TransBenchRankTool}), the receiver of {@code bench trans}. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + TransBenchRankTool.NAME)
public final class BenchTransRankToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param transfer the TRANS module
     * @param stores the config store module
     */
    @Activate
    public BenchTransRankToolComponent(@Reference final TransferService transfer,
        @Reference final ConfigStoreService stores) {
        super(new TransBenchRankTool(transfer, stores));
    }
}
