package org.memfabric.tools;

import java.nio.file.Path;

import org.memfabric.api.bm.BigMemoryService;
import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.api.trans.TransferService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.bmbench.BmBenchTool;
import org.memfabric.tools.bench.BenchTool;
import org.memfabric.tools.transbench.TransBenchTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes {@code memfabric bench} ({@link BenchTool}: {@code bench store}, {@code bench bm}, {@code bench trans}).
 * Stateless; the launcher's main thread calls it.
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + BenchTool.NAME)
public final class BenchToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param stores the config store service
     * @param bm the BM module, for {@code bench bm}
     * @param transfer the TRANS module, for {@code bench trans}; null when it is not installed (optional, greedy:
     *     the component is re-activated with it when it appears)
     */
    @Activate
    public BenchToolComponent(@Reference final ConfigStoreService stores, @Reference final BigMemoryService bm,
        @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
        final TransferService transfer) {
        super(new BenchTool(stores, new BmBenchTool(bm, stores, launcher()),
            transfer == null ? null : new TransBenchTool(transfer, stores, launcher())));
    }

    private static Path launcher() {
        return Path.of(System.getProperty("memfabric.home", "."), "bin", "memfabric");
    }
}
