package org.memfabric.tools;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.store.StoreCliTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric store-cli} ({@link StoreCliTool}). Stateless; any thread may call it. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + StoreCliTool.NAME)
public final class StoreCliToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param stores the config store service
     */
    @Activate
    public StoreCliToolComponent(@Reference final ConfigStoreService stores) {
        super(new StoreCliTool(stores));
    }
}
