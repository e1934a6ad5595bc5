package org.memfabric.tools;

import java.io.PrintStream;
import java.util.List;

import org.memfabric.api.store.ConfigStoreService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.bench.BenchTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric bench} ({@link BenchTool}). Stateless; the launcher's main thread calls {@link #run}. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + BenchTool.NAME)
public final class BenchToolComponent implements ToolCommand {
    private final BenchTool tool;

    /**
     * Activates the component.
     *
     * @param stores the config store service
     */
    @Activate
    public BenchToolComponent(@Reference final ConfigStoreService stores) {
        this.tool = new BenchTool(stores);
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
