package org.memfabric.launcher;

import java.util.List;

/**
 * {@code memfabric shell}: starts the distribution with an interactive Gogo console and runs until the console
 * stops the framework ({@code stop 0}, or end of input).
 */
final class ShellCommand implements Command {

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String summary() {
        return "start the runtime with an interactive Gogo shell (leave with 'stop 0' or Ctrl-D)";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        UsageException.requireNoArguments(name(), args);
        try (EmbeddedFramework framework = FrameworkSession.start(context.environment(), "")) {
            if (!framework.startupReport().startFailures().isEmpty()
                    || !framework.startupReport().installFailures().isEmpty()) {
                context.err().println("some bundles did not start; run 'memfabric doctor' for the reasons");
            }
            framework.waitForStop(0);
        }
        return 0;
    }
}
