package org.memfabric.launcher;

import java.io.PrintStream;
import java.util.Objects;

/** What a {@link Command} may use: output streams, the distribution environment and the command table. */
public final class CommandContext {

    private final Environment environment;
    private final PrintStream out;
    private final PrintStream err;
    private final CommandTable table;

    /**
     * @param environment the distribution's home and work directory
     * @param out         standard output of the command
     * @param err         diagnostics
     * @param table       all subcommands (for {@code help})
     */
    public CommandContext(Environment environment, PrintStream out, PrintStream err, CommandTable table) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** @return the distribution's home and work directory */
    public Environment environment() {
        return environment;
    }

    /** @return standard output */
    public PrintStream out() {
        return out;
    }

    /** @return diagnostics output */
    public PrintStream err() {
        return err;
    }

    /** @return all subcommands */
    public CommandTable table() {
        return table;
    }
}
