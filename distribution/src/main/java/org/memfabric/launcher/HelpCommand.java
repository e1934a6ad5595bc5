package org.memfabric.launcher;

import java.io.IOException;
import java.util.List;

import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.BundleException;

/**
 * {@code memfabric help}: the usage text with the built-in subcommands and the tool commands the bundles register
 * (found by starting the runtime and letting its services settle).
 */
final class HelpCommand implements Command {

    /** Quiet period once a tool command is registered. */
    static final long QUIET_MS = 250;
    /** Quiet period after which the wait ends although no tool command is registered. */
    static final long STABLE_MS = 1_500;
    /** The longest wait for the tool commands. */
    static final long SETTLE_TIMEOUT_MS = 10_000;

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "print this help, with the tool commands the bundles add";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        UsageException.requireNoArguments(name(), args);
        EmbeddedFramework framework;
        try {
            framework = FrameworkSession.start(context.environment(), FrameworkSettings.GOSH_BACKGROUND);
        } catch (IOException | BundleException e) {
            context.out().print(context.table().usage());
            context.out().println("tool commands unavailable: the runtime did not start: cause=" + e.getMessage());
            return 0;
        }
        try (framework) {
            new ServiceSettler(framework.context(), List.of(ToolCommand.class.getName()),
                    QUIET_MS, STABLE_MS).await(SETTLE_TIMEOUT_MS);
            context.out().print(context.table().usage(new ToolLocator(framework.context(), 0).list()));
        }
        return 0;
    }
}
