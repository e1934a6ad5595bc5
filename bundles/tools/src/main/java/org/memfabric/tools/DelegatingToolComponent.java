package org.memfabric.tools;

import java.io.PrintStream;
import java.util.List;

import org.memfabric.launcher.spi.ToolCommand;

/**
 * Base of the tool components: a thin DS adapter that publishes a plain {@link ToolCommand} built with {@code new}
 * and forwards every call to it. Thread-safety is the tool's.
 */
abstract class DelegatingToolComponent implements ToolCommand {
    private final ToolCommand tool;

    DelegatingToolComponent(final ToolCommand tool) {
        this.tool = tool;
    }

    @Override
    public final String name() {
        return tool.name();
    }

    @Override
    public final String summary() {
        return tool.summary();
    }

    @Override
    public final int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception {
        return tool.run(args, out, err);
    }
}
