package org.memfabric.launcher.spi;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subcommand of {@code bin/memfabric} contributed by a bundle: {@code memfabric <name> [args...]}.
 *
 * <p>Bundles register implementations as OSGi services of this type with the service property
 * {@value #NAME_PROPERTY} set to {@link #name()}. When the word after {@code memfabric} is not one of the launcher's
 * built-in commands, the launcher starts the framework, waits (bounded) for a service whose {@value #NAME_PROPERTY}
 * equals that word, calls {@link #run} on its own main thread, then stops the framework and exits with the returned
 * code. A command with subcommands takes them as its first argument: {@code memfabric bench store --clients 8} runs
 * the tool {@code bench} with {@code [store, --clients, 8]}.
 *
 * <p>The launcher lives outside the framework and exports this package (version 1.0.0) from the system bundle, so
 * this interface is the only type launcher and bundles share; implementations must not expect anything else of the
 * launcher.
 *
 * <h2>Threading and shutdown</h2>
 * {@link #run} is called once per process, on the launcher's main thread, while the framework is running. A command
 * that runs until stopped (a server) blocks in {@link #run} and must return promptly when that thread is interrupted:
 * on SIGINT or SIGTERM the launcher's shutdown hook interrupts the thread, waits a bounded time for {@link #run} to
 * return and then stops the framework. {@link #name()} and {@link #summary()} may be called from any thread.
 *
 * <h2>Exit codes</h2>
 * {@value #EXIT_OK} for success, {@value #EXIT_FAILURE} when the operation failed (the command prints why on the
 * error stream, in the house form {@code what: key=value}), {@value #EXIT_USAGE} for a wrong command line (the command
 * prints the argument at fault and its own usage). An exception thrown by {@link #run} is printed by the launcher
 * with its causes and gives exit code {@value #EXIT_FAILURE}.
 */
@ConsumerType
public interface ToolCommand {
    /** Service property holding the command word, e.g. {@code store}; must equal {@link #name()}. */
    String NAME_PROPERTY = "memfabric.tool.name";

    /** Exit code of a command that did what it was asked. */
    int EXIT_OK = 0;
    /** Exit code of a command whose operation failed. */
    int EXIT_FAILURE = 1;
    /** Exit code of a command given arguments it does not take. */
    int EXIT_USAGE = 2;

    /**
     * The command word.
     *
     * @return the word typed after {@code memfabric}: lower case, no spaces, not a built-in command name
     */
    String name();

    /**
     * One line for the launcher's usage text.
     *
     * @return a short description, without a trailing period
     */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command word (unmodifiable)
     * @param out standard output: results
     * @param err diagnostics: progress, usage and error messages
     * @return the process exit code ({@link #EXIT_OK}, {@link #EXIT_FAILURE}, {@link #EXIT_USAGE} or a
     *     command-specific code that the command documents)
     * @throws Exception when the command cannot complete; the launcher prints it and exits with {@link #EXIT_FAILURE}
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
