package org.memfabric.tools;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.bench.BenchTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric bench} ({@link BenchTool}). Stateless; the launcher's main thread calls it. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + BenchTool.NAME)
public final class BenchToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param stores the config store service
     */
    @Activate
    public BenchToolComponent(@Reference final ConfigStoreService stores) {
        super(new BenchTool(stores));
    }
}
