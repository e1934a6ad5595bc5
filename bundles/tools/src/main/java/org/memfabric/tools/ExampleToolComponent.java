package org.memfabric.tools;

import java.nio.file.Path;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.example.ExampleTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code memfabric example} ({@link ExampleTool}); rank processes are started with the launcher script of
 * the installation this runtime runs from ({@code memfabric.home}).
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + ExampleTool.NAME)
public final class ExampleToolComponent extends DelegatingToolComponent {
    /** Activates the component. */
    @Activate
    public ExampleToolComponent() {
        super(new ExampleTool(Path.of(System.getProperty("memfabric.home", "."), "bin", "memfabric")));
    }
}
