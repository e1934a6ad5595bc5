package org.memfabric.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/memfabric}: picks the subcommand from the table, or, for any other word, the tool command
 * a bundle registered under that name ({@link ToolDispatchCommand}), and maps the outcome to an exit code.
 */
public final class Main {

    /** Exit code for a wrong command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a command that failed with an exception. */
    public static final int EXIT_FAILURE = 1;

    private Main() {
    }

    /**
     * @param args the subcommand and its arguments
     */
    public static void main(String[] args) {
        int code = run(args, Environment.fromSystemProperties(), System.out, System.err, CommandTable.standard());
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one subcommand.
     *
     * @param args        the subcommand and its arguments
     * @param environment the distribution
     * @param out         standard output
     * @param err         diagnostics
     * @param table       the subcommands
     * @return the exit code: the command's own, {@value #EXIT_USAGE} for an unknown or missing subcommand or bad arguments,
     *         {@value #EXIT_FAILURE} when the command threw
     */
    public static int run(String[] args, Environment environment, PrintStream out, PrintStream err,
                          CommandTable table) {
        if (args.length == 0) {
            err.print(table.usage());
            return EXIT_USAGE;
        }
        Command command = table.find(args[0]).orElseGet(() -> new ToolDispatchCommand(args[0]));
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return command.run(new CommandContext(environment, out, err, table), rest);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(table.usage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("memfabric " + args[0] + " failed: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            return EXIT_FAILURE;
        }
    }
}
