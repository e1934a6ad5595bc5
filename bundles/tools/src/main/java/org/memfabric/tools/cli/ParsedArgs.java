package org.memfabric.tools.cli;

import java.io.PrintStream;
import java.util.List;

import org.memfabric.api.MemFabricException;
import org.memfabric.launcher.spi.ToolCommand;

/**
 * The common start of every tool's {@code run}: {@code --help} prints the usage (exit 0), a {@link UsageError}
 * prints the message and the usage (exit 2), a typed MemFabric error while parsing prints its description (exit 1);
 * otherwise the parsed value is handed back. Immutable.
 *
 * @param <T> what the arguments parse into
 */
public final class ParsedArgs<T> {
    /** Parses a tool's arguments. */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * Parses.
         *
         * @param args the arguments
         * @return the parsed value
         * @throws UsageError when the arguments are wrong
         */
        T parse(List<String> args) throws UsageError;
    }

    private final T value;
    private final int exitCode;

    private ParsedArgs(final T value, final int exitCode) {
        this.value = value;
        this.exitCode = exitCode;
    }

    /**
     * Handles help and parse failures.
     *
     * @param name the tool name, for messages
     * @param usage the usage text
     * @param args the arguments
     * @param parser the parser
     * @param out where help goes
     * @param err where errors go
     * @param <T> the parsed type
     * @return the parsed value, or the exit code the tool must return at once
     */
    public static <T> ParsedArgs<T> parse(final String name, final String usage, final List<String> args,
        final Parser<T> parser, final PrintStream out, final PrintStream err) {
        if (args.contains("--help")) {
            out.print(usage);
            return new ParsedArgs<>(null, ToolCommand.EXIT_OK);
        }
        try {
            return new ParsedArgs<>(parser.parse(args), -1);
        } catch (final UsageError e) {
            err.println(e.getMessage());
            err.print(usage);
            return new ParsedArgs<>(null, ToolCommand.EXIT_USAGE);
        } catch (final MemFabricException e) {
            err.println(name + ": " + Failures.describe(e));
            return new ParsedArgs<>(null, ToolCommand.EXIT_FAILURE);
        }
    }

    /**
     * Whether the tool is finished (help shown or arguments refused).
     *
     * @return true when {@link #exitCode()} must be returned
     */
    public boolean done() {
        return exitCode >= 0;
    }

    /**
     * The exit code when {@link #done()}.
     *
     * @return the code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The parsed value when not {@link #done()}.
     *
     * @return the value
     */
    public T value() {
        return value;
    }
}
