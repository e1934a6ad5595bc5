package org.memfabric.tools.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code --name value} options, {@code --flag} switches and positional words, in any order.
 * {@code --} ends the options (what follows is positional even when it starts with {@code --}); a word starting
 * with a single {@code -} (a negative number) is positional. Unknown, repeated or value-less options are usage
 * errors that name the option. Immutable once parsed; used by one thread.
 */
public final class Arguments {
    private final String command;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;

    private Arguments(final String command, final Map<String, String> values, final Set<String> flags,
        final List<String> positionals) {
        this.command = command;
        this.values = values;
        this.flags = flags;
        this.positionals = positionals;
    }

    /**
     * Parses a command line.
     *
     * @param command the tool name, for messages (e.g. {@code store-cli})
     * @param args the arguments
     * @param valueOptions the options that take a value, with their leading {@code --}
     * @param flagOptions the options that take none, with their leading {@code --}
     * @return the parsed arguments
     * @throws UsageError for an unknown option, a repeated one, or one missing its value
     */
    public static Arguments parse(final String command, final List<String> args, final Set<String> valueOptions,
        final Set<String> flagOptions) throws UsageError {
        final Map<String, String> values = new LinkedHashMap<>();
        final Set<String> flags = new HashSet<>();
        final List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positionals.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (valueOptions.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageError(command + ": option needs a value: option=" + arg);
                }
                if (values.put(arg, args.get(++i)) != null) {
                    throw new UsageError(command + ": option given twice: option=" + arg);
                }
            } else if (flagOptions.contains(arg)) {
                if (!flags.add(arg)) {
                    throw new UsageError(command + ": option given twice: option=" + arg);
                }
            } else {
                throw new UsageError(command + ": unknown option: option=" + arg);
            }
        }
        return new Arguments(command, values, flags, Collections.unmodifiableList(positionals));
    }

    /**
     * The tool name the arguments were parsed for.
     *
     * @return the name
     */
    public String command() {
        return command;
    }

    /**
     * The positional words, in order.
     *
     * @return the words
     */
    public List<String> positionals() {
        return positionals;
    }

    /**
     * Whether a switch was given.
     *
     * @param flag the switch, e.g. {@code --tls}
     * @return true when present
     */
    public boolean has(final String flag) {
        return flags.contains(flag) || values.containsKey(flag);
    }

    /**
     * The value of an option.
     *
     * @param option the option, e.g. {@code --url}
     * @return the value, if given
     */
    public Optional<String> value(final String option) {
        return Optional.ofNullable(values.get(option));
    }

    /**
     * The value of a mandatory option.
     *
     * @param option the option
     * @return the value
     * @throws UsageError when it is missing
     */
    public String required(final String option) throws UsageError {
        final String value = values.get(option);
        if (value == null) {
            throw new UsageError(command + ": option missing: option=" + option);
        }
        return value;
    }

    /**
     * An integer option in a range.
     *
     * @param option the option
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws UsageError when it is not an integer in range
     */
    public long longIn(final String option, final long defaultValue, final long min, final long max)
        throws UsageError {
        final String text = values.get(option);
        if (text == null) {
            return defaultValue;
        }
        return parseLong(command, option, text, min, max);
    }

    /**
     * An {@code int} option in a range.
     *
     * @param option the option
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws UsageError when it is not an integer in range
     */
    public int intIn(final String option, final int defaultValue, final int min, final int max) throws UsageError {
        return (int) longIn(option, defaultValue, min, max);
    }

    /**
     * A path option.
     *
     * @param option the option
     * @return the path, if given
     * @throws UsageError when the value is not a valid path
     */
    public Optional<Path> path(final String option) throws UsageError {
        final String text = values.get(option);
        if (text == null) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            throw new UsageError(command + ": option needs a file name: option=" + option + ", value=\"\"");
        }
        try {
            return Optional.of(Path.of(text));
        } catch (final InvalidPathException e) {
            throw new UsageError(command + ": option is not a valid path: option=" + option + ", value=" + text);
        }
    }

    /**
     * Fails when a positional word is left over.
     *
     * @param used how many positional words the command took
     * @throws UsageError naming the first extra word
     */
    public void requireNoMorePositionals(final int used) throws UsageError {
        if (positionals.size() > used) {
            throw new UsageError(command + ": unexpected argument: value=" + positionals.get(used));
        }
    }

    /**
     * Parses an integer argument in a range.
     *
     * @param command the tool name, for the message
     * @param what the argument's name, for the message
     * @param text the text
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws UsageError when it is not an integer in range
     */
    public static long parseLong(final String command, final String what, final String text, final long min,
        final long max) throws UsageError {
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (final NumberFormatException e) {
            throw new UsageError(command + ": " + what + " must be an integer " + min + ".." + max + ": value="
                + text);
        }
        if (value < min || value > max) {
            throw new UsageError(command + ": " + what + " must be " + min + ".." + max + ": value=" + text);
        }
        return value;
    }

    /**
     * The union of two option sets.
     *
     * @param a one set
     * @param b the other
     * @return an immutable union
     */
    public static Set<String> union(final Set<String> a, final Set<String> b) {
        final Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
