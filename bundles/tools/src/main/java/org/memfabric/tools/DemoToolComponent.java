package org.memfabric.tools;

import java.nio.file.Path;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.demo.DemoTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code memfabric demo} ({@link DemoTool}); rank processes are started with the launcher script of the
 * installation this runtime runs from ({@code memfabric.home}).
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + DemoTool.NAME)
public final class DemoToolComponent extends DelegatingToolComponent {
    /** Activates the component. */
    @Activate
    public DemoToolComponent() {
        super(new DemoTool(Path.of(System.getProperty("memfabric.home", "."), "bin", "memfabric")));
    }
}
