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
     * The one place where built-in subcommands are registered. Commands that need MemFabric services
     * ({@code store}, {@code store-cli}, {@code tls}, {@code bench}, ...) are not built in: bundles register them as
     * {@link org.memfabric.launcher.spi.ToolCommand} services and {@link ToolDispatchCommand} runs them.
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

    /**
     * @return the usage text: a synopsis, one line per built-in subcommand and a pointer to {@code help}, which also
     *         lists the tool commands the bundles add
     */
    public String usage() {
        return usage(null);
    }

    /**
     * @param tools the tool commands found in the runtime (summary by name), or null when they were not looked up
     * @return the usage text: a synopsis, one line per built-in subcommand and one per tool command
     */
    public String usage(Map<String, String> tools) {
        StringBuilder text = new StringBuilder("usage: memfabric <command> [args...]\n\ncommands:\n");
        for (Command command : commands.values()) {
            text.append(line(command.name(), command.summary()));
        }
        if (tools == null) {
            text.append("\ntool commands: added by bundles; 'memfabric help' lists them\n");
        } else if (tools.isEmpty()) {
            text.append("\ntool commands: none registered by the bundles\n");
        } else {
            text.append("\ntool commands (from bundles; 'memfabric <command> --help' for their arguments):\n");
            tools.forEach((name, summary) -> text.append(line(name, summary)));
        }
        text.append("\nenvironment: JAVA_HOME (JDK to use), MEMFABRIC_WORK (work directory),"
                + " MEMFABRIC_OPTS (extra JVM options)\n");
        return text.toString();
    }

    private static String line(String name, String summary) {
        return String.format("  %-10s %s%n", name, summary);
    }
}
