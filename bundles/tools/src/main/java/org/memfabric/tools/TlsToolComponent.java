package org.memfabric.tools;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.tls.TlsTool;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code memfabric tls} ({@link TlsTool}), reading passwords from the process's standard input. Stateless;
 * any thread may call it.
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + TlsTool.NAME)
public final class TlsToolComponent extends DelegatingToolComponent {
    /** Activates the component. */
    public TlsToolComponent() {
        super(new TlsTool(System.in));
    }
}
