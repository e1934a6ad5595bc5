package org.memfabric.tools;

import org.memfabric.api.shm.ShareMemoryService;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.example.ExampleRankTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes {@code memfabric example-rank} ({@link ExampleRankTool}), one rank of an SHM example. */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + ExampleRankTool.NAME)
public final class ExampleRankToolComponent extends DelegatingToolComponent {
    /**
     * Activates the component.
     *
     * @param shm the SHM module
     */
    @Activate
    public ExampleRankToolComponent(@Reference final ShareMemoryService shm) {
        super(new ExampleRankTool(shm));
    }
}
