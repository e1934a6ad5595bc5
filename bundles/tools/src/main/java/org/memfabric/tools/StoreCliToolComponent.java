package org.memfabric.tools;

import java.io.PrintStream;
import java.util.List;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.store.StoreCliTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric store-cli} ({@link StoreCliTool}). Stateless; any thread may call it. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + StoreCliTool.NAME)
public final class StoreCliToolComponent implements ToolCommand {
    private final StoreCliTool tool;

    /**
     * Activates the component.
     *
     * @param stores the config store service
     */
    @Activate
    public StoreCliToolComponent(@Reference final ConfigStoreService stores) {
        this.tool = new StoreCliTool(stores);
    }

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public String summary() {
        return tool.summary();
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws InterruptedException {
        return tool.run(args, out, err);
    }
}
