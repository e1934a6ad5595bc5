package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The subcommands of {@code bin/memfabric}, by name, in the order the usage text lists them. */
public final class CommandTable {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * The one place where subcommands are registered; later issues add {@code store}, {@code demo},
     * {@code bench} and {@code example} here.
     *
     * @return the table of the product's subcommands
     */
    public static CommandTable standard() {
        return new CommandTable()
                .register(new DoctorCommand())
                .register(new VersionCommand())
                .register(new ShellCommand())
                .register(new HelpCommand());
    }

    /**
     * @param command the subcommand to add
     * @return this table
     * @throws IllegalArgumentException when a subcommand of that name is already registered
     */
    public CommandTable register(Command command) {
        Command previous = commands.putIfAbsent(command.name(), command);
        if (previous != null) {
            throw new IllegalArgumentException("duplicate subcommand: name=" + command.name());
        }
        return this;
    }

    /**
     * @param name a subcommand name
     * @return the subcommand, or empty when unknown
     */
    public Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** @return every subcommand in registration order */
    public List<Command> all() {
        return Collections.unmodifiableList(new ArrayList<>(commands.values()));
    }

    /** @return the usage text: a synopsis and one line per subcommand */
    public String usage() {
        StringBuilder text = new StringBuilder("usage: memfabric <command> [args...]\n\ncommands:\n");
        for (Command command : commands.values()) {
            text.append(String.format("  %-10s %s%n", command.name(), command.summary()));
        }
        text.append("\nenvironment: JAVA_HOME (JDK to use), MEMFABRIC_WORK (work directory),"
                + " MEMFABRIC_OPTS (extra JVM options)\n");
        return text.toString();
    }
}
