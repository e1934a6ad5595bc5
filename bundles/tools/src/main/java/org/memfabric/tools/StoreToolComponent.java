package org.memfabric.tools;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.store.StoreServerTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes {@code memfabric store} ({@link StoreServerTool}). Deactivation (the runtime stopping) releases a server
 * that is still serving. SCR calls the constructor and {@link #deactivate()}; the launcher's main thread calls
 * {@link #run}.
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + StoreServerTool.NAME)
public final class StoreToolComponent extends DelegatingToolComponent {
    private final StoreServerTool tool;

    /**
     * Activates the component.
     *
     * @param stores the config store service
     */
    @Activate
    public StoreToolComponent(@Reference final ConfigStoreService stores) {
        this(new StoreServerTool(stores));
    }

    private StoreToolComponent(final StoreServerTool tool) {
        super(tool);
        this.tool = tool;
    }

    /** Stops a server that is still serving. */
    @Deactivate
    void deactivate() {
        tool.stop();
    }
}
