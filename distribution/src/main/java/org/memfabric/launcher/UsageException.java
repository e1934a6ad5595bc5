package org.memfabric.launcher;

import java.util.List;

/** A subcommand was given arguments it does not take; {@link Main} prints usage and exits with 2. */
public final class UsageException extends Exception {

    /**
     * @param message what was wrong, {@code what: key=value}
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * @param command the subcommand name
     * @param args    its arguments
     * @throws UsageException when there are any
     */
    public static void requireNoArguments(String command, List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("unexpected argument: command=" + command + " value=" + args.get(0));
        }
    }
}
