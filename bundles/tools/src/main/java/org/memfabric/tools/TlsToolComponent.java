package org.memfabric.tools;

import java.io.PrintStream;
import java.util.List;

import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.tools.tls.TlsTool;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code memfabric tls} ({@link TlsTool}), reading passwords from the process's standard input. Stateless;
 * any thread may call it.
 */
@Component(service = ToolCommand.class, property = ToolCommand.NAME_PROPERTY + "=" + TlsTool.NAME)
public final class TlsToolComponent implements ToolCommand {
    private final TlsTool tool = new TlsTool(System.in);

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public String summary() {
        return tool.summary();
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        return tool.run(args, out, err);
    }
}
