package org.memfabric.launcher;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Runs a subcommand that is not built into the launcher: starts the runtime, waits for the {@link ToolCommand}
 * service of that name, runs it on the calling thread, stops the runtime and returns the tool's exit code. An
 * unknown name gives the usage text, including the tool commands the bundles did register, and exit code
 * {@value Main#EXIT_USAGE}. While the tool runs, a {@link ToolShutdownHook} turns SIGINT/SIGTERM into an interrupt of
 * the tool and a clean stop of the runtime.
 */
final class ToolDispatchCommand implements Command {

    /** The longest wait for the tool service to be registered. */
    static final long TOOL_WAIT_MS = 30_000;
    /** How long the registry must stay unchanged before a missing tool is taken as unknown. */
    static final long STABLE_MS = 2_000;
    /** Exit code of a tool stopped by an interrupt (the SIGINT convention; a signal's own exit status wins anyway). */
    static final int EXIT_INTERRUPTED = 130;

    private final String name;
    private final long stableMs;
    private final long graceMs;

    /**
     * @param name the command word typed after {@code memfabric}
     */
    ToolDispatchCommand(String name) {
        this(name, STABLE_MS, ToolShutdownHook.GRACE_MS);
    }

    ToolDispatchCommand(String name, long stableMs, long graceMs) {
        this.name = Objects.requireNonNull(name, "name");
        this.stableMs = stableMs;
        this.graceMs = graceMs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return "tool command from a bundle";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        EmbeddedFramework framework;
        try {
            framework = FrameworkSession.start(context.environment(), FrameworkSettings.GOSH_BACKGROUND);
        } catch (IOException | BundleException e) {
            context.err().println("unknown subcommand: name=" + name);
            context.err().println("tool commands unavailable: the runtime did not start: cause=" + e.getMessage());
            context.err().print(context.table().usage());
            return Main.EXIT_USAGE;
        }
        ToolShutdownHook hook;
        try {
            hook = ToolShutdownHook.install(Thread.currentThread(), framework, context.err(), graceMs);
        } catch (IllegalStateException e) { // the JVM is already shutting down
            framework.close();
            throw e;
        }
        try {
            return runTool(context, framework, args, hook);
        } finally {
            hook.toolReturned();
            try {
                framework.close();
            } finally {
                hook.finished();
            }
        }
    }

    private int runTool(CommandContext context, EmbeddedFramework framework, List<String> args,
                        ToolShutdownHook hook) throws Exception {
        ToolLocator locator = new ToolLocator(framework.context(), stableMs);
        Optional<ServiceReference<ToolCommand>> reference;
        try {
            reference = locator.await(name, TOOL_WAIT_MS);
        } catch (InterruptedException e) {
            context.err().println("memfabric " + name + ": interrupted while starting");
            return EXIT_INTERRUPTED;
        }
        if (reference.isEmpty()) {
            context.err().println("unknown subcommand: name=" + name);
            context.err().print(context.table().usage(locator.list()));
            return Main.EXIT_USAGE;
        }
        ToolCommand tool = framework.context().getService(reference.get());
        if (tool == null) {
            throw new IllegalStateException("tool command went away before it ran: name=" + name);
        }
        try {
            return tool.run(List.copyOf(args), context.out(), context.err());
        } catch (InterruptedException e) {
            context.err().println("memfabric " + name + ": interrupted");
            return EXIT_INTERRUPTED;
        } finally {
            hook.toolReturned();
            framework.context().ungetService(reference.get());
            context.out().flush();
        }
    }
}
