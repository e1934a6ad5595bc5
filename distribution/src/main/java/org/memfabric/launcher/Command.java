package org.memfabric.launcher;

import java.util.List;

/**
 * One subcommand of {@code bin/memfabric}. Implementations are small classes registered in
 * {@link CommandTable#standard()}.
 */
public interface Command {

    /** @return the word typed after {@code memfabric}, e.g. {@code doctor} */
    String name();

    /** @return one line for the usage text */
    String summary();

    /**
     * Runs the subcommand.
     *
     * @param context streams, environment and the command table
     * @param args    the arguments after the subcommand name
     * @return the process exit code
     * @throws Exception when the command cannot complete; {@link Main} prints it and exits with 1
     */
    int run(CommandContext context, List<String> args) throws Exception;
}
